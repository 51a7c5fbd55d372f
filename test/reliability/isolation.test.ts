/**
 * Isolation: what `npm start` listens on, and what a function's credentials can and cannot do.
 *
 * Already proved elsewhere and referenced, not repeated (see RELIABILITY.md):
 * - unsigned, wrongly signed and forged-token requests to a standalone proxy:
 *   test/integration/iam/proxy.test.ts ("who is calling");
 * - an unsigned @connections request is 403 "Missing Authentication Token":
 *   test/integration/gateway/management.test.ts;
 * - each statement of the least-privilege policy is needed: test/integration/iam/least-privilege.test.ts.
 */
import { execFileSync } from 'node:child_process';
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../emulator/contracts.ts';
import { descendantsMatching, type Started, startScript, waitForExit } from '../support/processes.ts';
import { type App, connect, startApp } from './app.ts';

const REGION = 'ap-northeast-2';

describe('npm start binds to loopback only', () => {
  let started: Started | undefined;

  afterAll(async () => {
    if (started && started.child.exitCode === null) {
      started.child.kill('SIGTERM');
      await waitForExit(started.child, 10_000).catch(() => started?.child.kill('SIGKILL'));
    }
  });

  it('every listening socket of npm start and its children (the JVM included) is on 127.0.0.1', async () => {
    started = await startScript('scripts/start.ts', ['--no-watch']);
    const pid = started.child.pid ?? -1;
    const family = new Set([pid, ...descendantsMatching(pid, '')]);
    const listening = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => ({
        line,
        local: line.trim().split(/\s+/)[3] ?? '',
        pids: [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])),
      }))
      .filter((row) => row.pids.some((p) => family.has(p)));
    const ports = listening.map((row) => Number(row.local.split(':').at(-1)));
    // The gateway (ws + @connections), the DynamoDB proxy, the web client, the Logs API and
    // DynamoDB Local's own port; READY also names the stack, which is no URL.
    const urls = Object.values(started.ready).filter((v) => /^(ws|http)s?:\/\//.test(String(v)));
    for (const url of urls) expect(ports).toContain(Number(new URL(url).port));
    expect(listening.length).toBeGreaterThanOrEqual(4);
    const exposed = listening.filter(
      (row) => !/^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):\d+$/.test(row.local),
    );
    expect(exposed.map((row) => row.line)).toEqual([]);
    for (const url of urls) expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  it('DynamoDB Local is told not to send telemetry: an offline workbench calls nobody', () => {
    const jvms = descendantsMatching(started?.child.pid ?? -1, 'DynamoDBLocal.jar');
    expect(jvms.length).toBeGreaterThan(0);
    for (const pid of jvms) {
      const args = execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
      expect(args).toContain('-disableTelemetry');
    }
  });

  it("refuses an unsigned request on the READY dynamodb endpoint with DynamoDB's own 400", async () => {
    const res = await fetch(String(started?.ready.dynamodb), {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Scan' },
      body: JSON.stringify({ TableName: 'User' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  });
});

describe("a function's credentials act as its role and no other", () => {
  let app: App;
  let appRole: string;
  let asApp: Credentials;
  let asReader: Credentials;
  const clients: { destroy(): void }[] = [];

  beforeAll(async () => {
    app = await startApp();
    appRole = app.emulator.stack.role.name;
    // A second role in the same account: it may only read the word bank.
    await app.emulator.iam.registerRole({
      name: 'quiz-reader',
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'dynamodb:GetItem',
            Resource: `arn:aws:dynamodb:${REGION}:123456789012:table/Words`,
          },
        ],
      },
    });
    asApp = app.emulator.iam.issueCredentials(appRole, 'app');
    asReader = app.emulator.iam.issueCredentials('quiz-reader', 'reader');
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await app?.stop();
  });

  function dynamoClient(
    credentials: Omit<Credentials, 'sessionToken'> & { sessionToken?: string },
  ): DynamoDBClient {
    const ddb = new DynamoDBClient({
      endpoint: app.emulator.urls.dynamodb,
      region: REGION,
      credentials,
      maxAttempts: 1,
    });
    clients.push(ddb);
    return ddb;
  }

  function dynamo(credentials: Parameters<typeof dynamoClient>[0]): DynamoDBDocumentClient {
    return DynamoDBDocumentClient.from(dynamoClient(credentials));
  }

  function management(credentials: Credentials): ApiGatewayManagementApiClient {
    const api = new ApiGatewayManagementApiClient({
      endpoint: app.emulator.urls.management,
      region: REGION,
      credentials,
      maxAttempts: 1,
    });
    clients.push(api);
    return api;
  }

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: Error) => ({
        name: e.name,
        message: e.message,
        status: (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode,
      }),
    );
  const userRow = { TableName: 'User', Item: { connectionId: 'forged=', room: 'general', answerCnt: 999 } };

  it('each role gets what its own policy says (positive control)', async () => {
    expect(await failure(dynamo(asApp).send(new PutCommand(userRow)))).toBeUndefined();
    expect(
      await failure(dynamo(asReader).send(new GetCommand({ TableName: 'Words', Key: { key: 'meta' } }))),
    ).toBeUndefined();
    await dynamo(asApp).send(new DeleteCommand({ TableName: 'User', Key: { connectionId: 'forged=' } }));
  });

  it("the reader's credentials cannot write what the app role may: AccessDenied names the reader", async () => {
    const denied = await failure(dynamo(asReader).send(new PutCommand(userRow)));
    expect(denied?.name).toBe('AccessDeniedException');
    expect(denied?.message).toContain('assumed-role/quiz-reader/reader');
    expect(denied?.message).toContain('dynamodb:PutItem');
    expect(denied?.message).toContain(':table/User');
  });

  it("another role's access key with one's own secret or token is refused, not promoted", async () => {
    const borrowedKey = await failure(
      dynamo({ ...asReader, accessKeyId: asApp.accessKeyId }).send(new PutCommand(userRow)),
    );
    expect(borrowedKey).toMatchObject({ name: 'UnrecognizedClientException', status: 400 });
    const borrowedKeyAndToken = await failure(
      dynamo({
        ...asReader,
        accessKeyId: asApp.accessKeyId,
        sessionToken: asApp.sessionToken as string,
      }).send(new PutCommand(userRow)),
    );
    expect(borrowedKeyAndToken).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
    const noToken = await failure(
      dynamo({ accessKeyId: asApp.accessKeyId, secretAccessKey: asApp.secretAccessKey }).send(
        new PutCommand(userRow),
      ),
    );
    expect(noToken).toMatchObject({ name: 'UnrecognizedClientException' });
    const { Item } = await app.admin.doc.send(
      new GetCommand({ TableName: 'User', Key: { connectionId: 'forged=' } }),
    );
    expect(Item).toBeUndefined();
  });

  it('the app role cannot do what only an administrator may (drop a table)', async () => {
    const denied = await failure(dynamoClient(asApp).send(new DeleteTableCommand({ TableName: 'Words' })));
    expect(denied?.name).toBe('AccessDeniedException');
    expect(denied?.message).toContain(`assumed-role/${appRole}/app`);
  });

  it('@connections: the reader cannot post to a player (403), the app role can', async () => {
    const player = await connect(`${app.ws}?room=iso&username=p`);
    try {
      const id = app.emulator.gateway.connections().find((c) => c.state === 'open')?.connectionId ?? '';
      const data = new TextEncoder().encode(JSON.stringify({ username: 'spoof', content: '가짜 공지' }));
      const forbidden = await failure(
        management(asReader).send(new PostToConnectionCommand({ ConnectionId: id, Data: data })),
      );
      expect(forbidden).toMatchObject({ name: 'ForbiddenException', status: 403 });
      expect(
        await failure(management(asApp).send(new PostToConnectionCommand({ ConnectionId: id, Data: data }))),
      ).toBeUndefined();
      await player.waitFor(
        (f: unknown): f is object => (f as { content?: unknown })?.content === '가짜 공지',
        'the allowed post',
      );
      expect(player.frames).toHaveLength(1);
    } finally {
      player.close();
    }
  });
});
