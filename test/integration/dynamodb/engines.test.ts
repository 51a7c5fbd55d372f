/**
 * One table round trip — create, put, get, conditional update, paginated scan — on every engine
 * the app must run on. The same assertions on both is the point: the app may rely on nothing
 * one engine does and the other does not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConditionalCheckFailedException, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Engine, type EngineKind, freePorts, startEngine } from '../../../emulator/dynamodb/engine.ts';
import { ensureTables, workshopTables } from '../../../emulator/dynamodb/tables.ts';
import { adminClients } from '../../support/engine.ts';
import { descendantsMatching } from '../../support/processes.ts';

describe.each<EngineKind>(['local', 'dynalite'])('engine %s', (kind) => {
  let engine: Engine;
  let clients: ReturnType<typeof adminClients>;

  beforeAll(async () => {
    engine = await startEngine({ kind, port: 0 });
    clients = adminClients(engine.endpoint);
  });
  afterAll(async () => {
    clients?.ddb.destroy();
    await engine?.stop();
  });

  it('creates the workshop tables with their exact names and key types, idempotently', async () => {
    const first = await ensureTables(clients.ddb, workshopTables);
    expect(first.map((r) => r.status)).toEqual(['created', 'created', 'created']);
    const again = await ensureTables(clients.ddb, workshopTables);
    expect(again.map((r) => r.status)).toEqual(['exists', 'exists', 'exists']);
    const names = (await clients.ddb.send(new ListTablesCommand({}))).TableNames;
    expect(names).toEqual(expect.arrayContaining(['User', 'Chat', 'Game']));
    // Names are case-sensitive, as the workshop learned: "user" is another table.
    expect(names).not.toContain('user');
  });

  it('refuses an existing table whose key type differs, with a fix', async () => {
    const game = workshopTables[2];
    if (!game) throw new Error('the workshop has three tables');
    const wrong = [{ ...game, AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }] }];
    await expect(ensureTables(clients.ddb, wrong)).rejects.toThrow(
      /Game exists with key id N \(HASH\), but this stack needs id S/,
    );
  });

  it('puts, gets and conditionally updates an item', async () => {
    await clients.doc.send(
      new PutCommand({ TableName: 'Game', Item: { id: 1, nowWordIdx: 0, nowConsonant: 'ㄱㅇㅈ' } }),
    );
    const got = await clients.doc.send(new GetCommand({ TableName: 'Game', Key: { id: 1 } }));
    expect(got.Item).toEqual({ id: 1, nowWordIdx: 0, nowConsonant: 'ㄱㅇㅈ' });

    const advance = (expected: number) =>
      clients.doc.send(
        new UpdateCommand({
          TableName: 'Game',
          Key: { id: 1 },
          UpdateExpression: 'SET nowWordIdx = :next',
          ConditionExpression: 'nowWordIdx = :expected',
          ExpressionAttributeValues: { ':expected': expected, ':next': expected + 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
    expect((await advance(0)).Attributes?.nowWordIdx).toBe(1);
    await expect(advance(0)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  it('scans past the first page only when LastEvaluatedKey is followed', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `conn-${String(i).padStart(2, '0')}`);
    await Promise.all(
      ids.map((connectionId) =>
        clients.doc.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } })),
      ),
    );
    const firstPage = await clients.doc.send(new ScanCommand({ TableName: 'User', Limit: 10 }));
    expect(firstPage.Items).toHaveLength(10);
    expect(firstPage.LastEvaluatedKey).toBeDefined();

    const seen: string[] = [];
    let start: Record<string, unknown> | undefined;
    let pages = 0;
    do {
      const page = await clients.doc.send(
        new ScanCommand({ TableName: 'User', Limit: 10, ExclusiveStartKey: start }),
      );
      seen.push(...(page.Items ?? []).map((item) => item.connectionId as string));
      start = page.LastEvaluatedKey;
      pages++;
    } while (start);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.sort()).toEqual(ids);
  });
});

describe.each<EngineKind>(['local', 'dynalite'])('engine %s with --persist', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), `persist-${kind}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps acknowledged writes across a restart', async () => {
    const first = await startEngine({ kind, port: 0, persistDir: dir });
    const a = adminClients(first.endpoint);
    await ensureTables(a.ddb, workshopTables);
    await a.doc.send(
      new PutCommand({ TableName: 'Chat', Item: { timestamp: '2019-06-26T10:00:00.000Z', content: '초심' } }),
    );
    a.ddb.destroy();
    await first.stop();

    const second = await startEngine({ kind, port: 0, persistDir: dir });
    const b = adminClients(second.endpoint);
    try {
      const got = await b.doc.send(
        new GetCommand({ TableName: 'Chat', Key: { timestamp: '2019-06-26T10:00:00.000Z' } }),
      );
      expect(got.Item?.content).toBe('초심');
    } finally {
      b.ddb.destroy();
      await second.stop();
    }
  });
});

describe('ports', () => {
  it('freePorts hands out distinct ports, none of them held afterwards', async () => {
    const ports = await freePorts(8);
    expect(new Set(ports).size).toBe(8);
    // Each one can be bound now: nothing was left listening.
    for (const port of ports) {
      const server = createServer();
      await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(port, '127.0.0.1', ok);
      });
      await new Promise((ok) => server.close(ok));
    }
  });

  it('DynamoDB Local on a port someone else holds fails with what to do, leaving no JVM', async () => {
    // It hangs up on whoever calls, so nothing can mistake it for DynamoDB.
    const squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((ok) => squatter.listen(0, '127.0.0.1', ok));
    const port = (squatter.address() as AddressInfo).port;
    try {
      await expect(startEngine({ kind: 'local', port })).rejects.toThrow(
        new RegExp(`port ${port} is already in use: stop whatever holds it.*DYNAMODB_PORT`),
      );
      expect(descendantsMatching(process.pid, 'DynamoDBLocal')).toEqual([]);
    } finally {
      await new Promise((ok) => squatter.close(ok));
    }
  });
});

describe('DynamoDB Local class archive', () => {
  const cache = mkdtempSync(join(tmpdir(), 'java-cache-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('records what the first start loads, saves an archive, and the next start maps it', async () => {
    const lines: string[] = [];
    const first = await startEngine({
      kind: 'local',
      port: 0,
      javaCacheDir: cache,
      log: (l) => lines.push(l),
    });
    try {
      expect(descendantsMatching(process.pid, '-XX:DumpLoadedClassList=').length).toBeGreaterThan(0);
      const archive = await vi.waitFor(
        () => {
          const found = readdirSync(cache, { recursive: true, encoding: 'utf8' }).find((f) =>
            f.endsWith('classes.jsa'),
          );
          if (!found) throw new Error('the class archive is not saved yet');
          return found;
        },
        { timeout: 60_000, interval: 200 },
      );
      expect(lines.join('\n')).toMatch(/building the DynamoDB Local launcher \(once per JDK/);
      expect(lines.join('\n')).toMatch(/saved a class archive for DynamoDB Local/);
      // Nothing half-written is left beside it: scratch files are removed once the dump is in place.
      const leftovers = readdirSync(join(cache, archive, '..')).filter((f) =>
        /\.(tmp|classlist|complete|lock)$/.test(f),
      );
      expect(leftovers).toEqual([]);
    } finally {
      await first.stop();
    }

    const second = await startEngine({ kind: 'local', port: 0, javaCacheDir: cache });
    const clients = adminClients(second.endpoint);
    try {
      const jvms = descendantsMatching(process.pid, `-XX:SharedArchiveFile=${cache}`);
      // Mapped, not merely named: with -Xshare:auto a JVM that cannot use an archive runs without it.
      const mapped = jvms.some((pid) => readFileSync(`/proc/${pid}/maps`, 'utf8').includes('classes.jsa'));
      expect(mapped).toBe(true);
      expect(descendantsMatching(process.pid, '-XX:DumpLoadedClassList=')).toEqual([]);
      // The engine behind the archive is the same engine: tables and items as before.
      await ensureTables(clients.ddb, workshopTables);
      await clients.doc.send(new PutCommand({ TableName: 'Game', Item: { id: 1, consonant: 'ㅊㅅ' } }));
      const got = await clients.doc.send(new GetCommand({ TableName: 'Game', Key: { id: 1 } }));
      expect(got.Item?.consonant).toBe('ㅊㅅ');
    } finally {
      clients.ddb.destroy();
      await second.stop();
    }
    expect(descendantsMatching(process.pid, 'java')).toEqual([]);
  }, 120_000);
});

describe('DynamoDB Local with a JRE only (no javac)', () => {
  it('still starts, says in one line that it listens on every interface and what to install', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'jre-only-'));
    const cache = mkdtempSync(join(tmpdir(), 'java-cache-'));
    symlinkSync(
      realpathSync(execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim()),
      join(bin, 'java'),
    );
    const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
    symlinkSync(realpathSync('/bin/sh'), join(bin, 'sh'));
    // java and the shell the guard runs in; no javac, no jar.
    process.env.PATH = bin;
    delete process.env.JAVA_HOME;
    const lines: string[] = [];
    let engine: Engine | undefined;
    try {
      engine = await startEngine({ kind: 'local', port: 0, javaCacheDir: cache, log: (l) => lines.push(l) });
      const warnings = lines.filter((l) => l.startsWith('warning:'));
      expect(warnings).toEqual([
        expect.stringMatching(
          /no (javac|jar) found.*listens on every interface; install a JDK 17\+ \(javac and jar\) to keep it on 127\.0\.0\.1/,
        ),
      ]);
      const clients = adminClients(engine.endpoint);
      try {
        expect((await clients.ddb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      } finally {
        clients.ddb.destroy();
      }
    } finally {
      Object.assign(process.env, saved);
      if (saved.JAVA_HOME === undefined) delete process.env.JAVA_HOME;
      await engine?.stop();
      rmSync(bin, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
