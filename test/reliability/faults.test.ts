/**
 * Faults with the whole app running: the DynamoDB engine killed mid-game and started again, a
 * `npm start --persist DIR` killed and restarted, Lambda instances killed mid-invocation, and clients
 * that vanish without a close frame.
 *
 * Already proved elsewhere and not repeated here (see RELIABILITY.md):
 * - a handler that throws, exceeds its timeout, exits the process, or never settles:
 *   test/integration/lambda-host/instances.test.ts and invoke.test.ts (fixture functions);
 * - the client's "Internal server error" / "Endpoint request timed out" frames for a failed or slow
 *   integration: test/integration/gateway/messages.test.ts;
 * - the proxy answering InternalServerError while no engine listens: test/integration/iam/proxy.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Socket, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type Engine, freePort, startEngine } from '../../emulator/dynamodb/engine.ts';
import { adminClients } from '../support/engine.ts';
import {
  descendantsMatching,
  type Started,
  startScript,
  stillRunning,
  waitForExit,
} from '../support/processes.ts';
import {
  type App,
  type ChatFrame2019,
  connect,
  isChat,
  isGame,
  isInternalError,
  playRound,
  sleep,
  startApp,
} from './app.ts';

const IDLE_MS = 4000;
const CLOSE_GRACE_MS = 1000;

describe('with an engine the test controls (DynamoDB Local on a fixed port, data on disk)', () => {
  let dir: string;
  let port: number;
  let engine: Engine | undefined;
  let app: App;

  const startOwnEngine = async () => {
    engine = await startEngine({ kind: 'local', port, persistDir: dir });
  };
  /** SIGKILL, as a crash or the OOM killer would: no shutdown, the port closes at once. */
  const killEngine = async () => {
    const jvms = descendantsMatching(process.pid, 'DynamoDBLocal.jar').filter((pid) =>
      descendantsMatching(process.pid, `-port ${port}`).includes(pid),
    );
    expect(jvms.length).toBeGreaterThan(0);
    for (const pid of jvms) process.kill(pid, 'SIGKILL');
    await expect
      .poll(() => stillRunning(jvms).length, { timeout: 20_000, interval: 100, message: 'the JVM to die' })
      .toBe(0);
    await engine?.stop();
    engine = undefined;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reliability-engine-'));
    port = await freePort();
    await startOwnEngine();
    process.env.DYNAMODB_ENDPOINT = engine?.endpoint;
    app = await startApp({
      engine: 'external',
      limits: { idleTimeoutMs: IDLE_MS, closeTimeoutMs: CLOSE_GRACE_MS },
    });
  });

  afterAll(async () => {
    await app?.stop();
    await engine?.stop();
    delete process.env.DYNAMODB_ENDPOINT;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('engine killed mid-game: clients get "Internal server error", the emulator stays up, and play resumes when it is back', async () => {
    const first = await playRound(app, '전');
    const player = await connect(app.ws);
    player.socket.send('start!');
    await player.waitFor(isGame, 'the game before the crash');

    // Pings keep it inside the (shortened) idle timeout while the engine is away.
    const keepAlive = setInterval(() => player.socket.ping(), 1000);
    await killEngine();

    // A message now fails inside the function; API Gateway's answer reaches the sender.
    player.socket.send(JSON.stringify({ username: '철수', content: '엔진 없음' }));
    const failure = await player.waitFor(isInternalError, 'Internal server error while the engine is down');
    expect(Object.keys(failure).sort()).toEqual(['connectionId', 'message', 'requestId']);
    // A new connection is refused by its failing $connect (Lambda proxy error: 502), not hung.
    const refused = await new Promise<number>((ok, fail) => {
      const ws = new WebSocket(app.ws);
      ws.once('unexpected-response', (_req, res) => {
        ok(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('open', () => fail(new Error('connected without an engine')));
      ws.once('error', () => undefined);
    });
    expect(refused).toBe(502);
    // The emulator itself is still there: the open socket is open and the gateway still answers.
    expect(player.socket.readyState).toBe(WebSocket.OPEN);
    expect(app.emulator.gateway.connections().some((c) => c.state === 'open')).toBe(true);
    expect(app.lines.some((l) => l.startsWith('error') && l.includes('$default'))).toBe(true);

    await startOwnEngine();
    // The same socket plays on: the SDK's next call reaches the new engine through the same proxy.
    // The app answering again: each try says the line anew and waits 3 s for its echo.
    const back = await vi.waitFor(
      async () => {
        player.socket.send(JSON.stringify({ username: '철수', content: '엔진 복귀' }));
        const said = (f: unknown): f is ChatFrame2019 => isChat(f) && f.content === '엔진 복귀';
        return player.waitFor(said, 'a chat after the engine is back', 3000);
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(back.username).toBe('철수');
    clearInterval(keepAlive);
    player.close();
    // State from before the crash is there (data on disk): the round number carried on.
    const second = await playRound(app, '후');
    expect(second.after.nowWordIdx).not.toBe(first.after.nowWordIdx);
    const { Item } = await app.admin.doc.send(
      new GetCommand({ TableName: 'Game', Key: { room: 'general' }, ConsistentRead: true }),
    );
    expect(Item?.round).toBe(2);
  });

  it('Lambda instances killed mid-invocation: each message is echoed or answered "Internal server error", never both lost, never stored twice', {
    timeout: 120_000,
  }, async () => {
    const [a, b] = await Promise.all([
      connect(`${app.ws}?room=kill&username=a`),
      connect(`${app.ws}?room=kill&username=b`),
    ]);
    // Pings keep both inside the shortened idle timeout while instances restart.
    const keepAlive = setInterval(() => {
      a.socket.ping();
      b.socket.ping();
    }, 1000);
    const contents = Array.from({ length: 150 }, (_, i) => `kill-${i}`);
    for (const content of contents) (content.endsWith('0') ? b : a).socket.send(JSON.stringify({ content }));
    // Kill every instance of the app as soon as the first echo shows work is under way.
    await a.waitFor(isChat, 'a first echo');
    const instances = descendantsMatching(process.pid, 'bootstrap');
    expect(instances.length).toBeGreaterThan(0);
    for (const pid of instances) process.kill(pid, 'SIGKILL');

    const answered = (content: string, client: typeof a) =>
      client.frames.some((f) => isChat(f) && f.content === content);
    const senderOf = (content: string) => (content.endsWith('0') ? b : a);
    await expect
      .poll(
        () => {
          const errors = a.frames.filter(isInternalError).length + b.frames.filter(isInternalError).length;
          const echoed = contents.filter((c) => answered(c, senderOf(c))).length;
          return echoed + errors;
        },
        { timeout: 60_000, interval: 100, message: 'an answer to every message' },
      )
      .toBeGreaterThanOrEqual(contents.length)
      .catch((error: Error) => {
        throw new Error(
          `${error.message}; a: ${JSON.stringify(a.frames).slice(0, 1500)}; b: ${JSON.stringify(b.frames).slice(0, 800)}`,
        );
      });
    const errors = a.frames.filter(isInternalError).length + b.frames.filter(isInternalError).length;
    expect(errors, 'some invocations were cut short').toBeGreaterThan(0);

    const rows = (await app.scan('Chat')).filter((r) => r.room === 'kill');
    for (const content of contents) {
      const n = rows.filter((r) => r.content === content).length;
      if (answered(content, senderOf(content))) expect(n, `${content} was echoed`).toBe(1);
      else expect(n, `${content} failed`).toBeLessThanOrEqual(1);
    }
    clearInterval(keepAlive);
    a.close();
    b.close();
    // Fresh instances serve the next round.
    const { after } = await playRound(app, '재시작');
    expect(after.round).toBeGreaterThan(0);
  });

  describe('clients that vanish without a close frame', () => {
    /** A WebSocket handshake by hand, then silence: the peer never reads or writes again. */
    async function rawClient(query: string): Promise<Socket> {
      const url = new URL(app.ws);
      const socket = tcpConnect(Number(url.port), '127.0.0.1');
      await new Promise<void>((ok, fail) => {
        socket.once('connect', () => ok());
        socket.once('error', fail);
      });
      socket.write(
        `GET ${url.pathname}?${query} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      await new Promise<void>((ok, fail) => {
        let head = '';
        const onData = (chunk: Buffer) => {
          head += chunk.toString('latin1');
          if (!head.includes('\r\n\r\n')) return;
          socket.off('data', onData);
          if (head.startsWith('HTTP/1.1 101')) ok();
          else fail(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
        };
        socket.on('data', onData);
      });
      socket.pause();
      socket.on('error', () => undefined);
      return socket;
    }

    async function rowsIn(room: string): Promise<number> {
      return (await app.scan('User')).filter((u) => u.room === room).length;
    }

    it('a TCP reset: $disconnect runs at once and the row goes', async () => {
      const linesBefore = app.lines.length;
      const socket = await rawClient('room=reset&username=gone');
      await expect
        .poll(() => rowsIn('reset'), {
          timeout: 20_000,
          interval: 100,
          message: 'the row of the new connection',
        })
        .toBe(1);
      socket.resetAndDestroy();
      await expect
        .poll(() => rowsIn('reset'), {
          timeout: 20_000,
          interval: 100,
          message: 'the row to go after the reset',
        })
        .toBe(0);
      expect(app.lines.slice(linesBefore).filter((l) => l.startsWith('error'))).toEqual([]);
    });

    it('silence: the idle timeout closes it, the close handshake times out, $disconnect removes the row', async () => {
      const known = new Set(app.emulator.gateway.connections().map((c) => c.connectionId));
      const silent = await rawClient('room=silent&username=frozen');
      const silentId = app.emulator.gateway
        .connections()
        .find((c) => !known.has(c.connectionId))?.connectionId;
      expect(silentId).toBeDefined();
      // A live player in the same room keeps talking, so only the silent one idles out.
      const live = await connect(`${app.ws}?room=silent&username=live`);
      await expect
        .poll(() => rowsIn('silent'), { timeout: 20_000, interval: 100, message: 'both rows' })
        .toBe(2);
      const deadline = Date.now() + IDLE_MS + CLOSE_GRACE_MS + 15_000;
      let rows = 2;
      for (let i = 0; i < 400 && Date.now() < deadline; i++) {
        live.socket.ping();
        rows = await rowsIn('silent');
        if (rows === 1) break;
        await sleep(250);
      }
      expect(rows).toBe(1);
      const [left] = (await app.scan('User')).filter((u) => u.room === 'silent');
      expect(left?.username).toBe('live');
      // The gateway lets go of the record once $disconnect has returned, a moment after its delete.
      await expect
        .poll(() => app.emulator.gateway.connections().map((c) => c.connectionId))
        .not.toContain(silentId);
      live.close();
      silent.destroy();
    });
  });
});

describe("the emulator's own DynamoDB Local dies", () => {
  let app: App;

  beforeAll(async () => {
    app = await startApp({ engine: 'local' });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('the emulator says so in one line, the client gets "Internal server error", the gateway stays up', async () => {
    await playRound(app, '전');
    const player = await connect(app.ws);
    const port = new URL(app.emulator.engineEndpoint).port;
    const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
    const java = descendantsMatching(process.pid, `-port ${port}`).filter((pid) =>
      new RegExp(`^\\s*${pid}\\s+\\S*java\\s`, 'm').test(ps),
    );
    expect(java).toHaveLength(1);
    process.kill(java[0] as number, 'SIGKILL');
    await expect
      .poll(() => app.lines.some((l) => l.startsWith('DynamoDB Local stopped unexpectedly')), {
        timeout: 20_000,
        interval: 100,
        message: 'the line about the engine',
      })
      .toBe(true);
    expect(app.lines.filter((l) => l.startsWith('DynamoDB Local stopped unexpectedly'))).toEqual([
      'DynamoDB Local stopped unexpectedly (killed by SIGKILL); every DynamoDB call now fails with InternalServerError. Restart the emulator.',
    ]);
    player.socket.send(JSON.stringify({ username: '철수', content: '엔진 없음' }));
    await player.waitFor(isInternalError, 'Internal server error');
    expect(player.socket.readyState).toBe(WebSocket.OPEN);
    player.close();
  });
});

describe('npm start --persist DIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reliability-persist-'));
  let started: Started | undefined;

  afterAll(async () => {
    if (started && started.child.exitCode === null) {
      started.child.kill('SIGTERM');
      await waitForExit(started.child, 10_000).catch(() => started?.child.kill('SIGKILL'));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const start = () =>
    startScript('scripts/start.ts', [
      '--persist',
      join(dir, 'db'),
      '--logs-dir',
      join(dir, 'logs'),
      '--no-watch',
    ]);

  // Two starts on a persisted engine, each seeding the word bank into its files (~15 s each here).
  it('killed with SIGKILL and started again, keeps every acknowledged chat and the game where it was', async () => {
    started = await start();
    const ws = String(started.ready.ws);
    const dynamodb = String(started.ready.dynamodb);
    const { doc, ddb } = adminClients(dynamodb);
    const acknowledged: string[] = [];
    let game: { nowWordIdx: number; round: number };
    try {
      const a = await connect(`${ws}?room=persist&username=철수`);
      for (let i = 0; i < 20; i++) {
        const content = `저장-${i}`;
        a.socket.send(JSON.stringify({ content }));
        await a.waitFor(
          (f: unknown): f is ChatFrame2019 => isChat(f) && f.content === content,
          `echo of ${content}`,
        );
        acknowledged.push(content);
      }
      a.socket.send('start!');
      const before = await a.waitFor(isGame, 'the game');
      const { Item } = await doc.send(
        new GetCommand({ TableName: 'Words', Key: { key: `question#${before.nowWordIdx}` } }),
      );
      a.socket.send(JSON.stringify({ content: String(Item?.word) }));
      const after = await a.waitFor(
        (f: unknown): f is typeof before => isGame(f) && f.nowWordIdx !== before.nowWordIdx,
        'the next question',
      );
      acknowledged.push(String(Item?.word));
      game = { nowWordIdx: after.nowWordIdx, round: (after as unknown as { round: number }).round };
    } finally {
      ddb.destroy();
    }

    const jvms = descendantsMatching(started.child.pid ?? -1, 'DynamoDBLocal.jar');
    started.child.kill('SIGKILL');
    await waitForExit(started.child, 5000);
    await expect
      .poll(() => stillRunning(jvms).length, {
        timeout: 20_000,
        interval: 100,
        message: 'the JVM to go with it',
      })
      .toBe(0);

    started = await start();
    const again = adminClients(String(started.ready.dynamodb));
    try {
      const { Items } = await again.doc.send(
        new QueryCommand({
          TableName: 'Chat',
          KeyConditionExpression: '#r = :r',
          ExpressionAttributeNames: { '#r': 'room' },
          ExpressionAttributeValues: { ':r': 'persist' },
          ConsistentRead: true,
        }),
      );
      expect((Items ?? []).map((i) => String(i.content)).sort()).toEqual([...acknowledged].sort());
      const { Item } = await again.doc.send(
        new GetCommand({ TableName: 'Game', Key: { room: 'persist' }, ConsistentRead: true }),
      );
      expect({ nowWordIdx: Item?.nowWordIdx, round: Item?.round }).toEqual(game);

      // The dead connection's row survived the crash (nobody ran $disconnect); the first broadcast
      // to the room gets 410 for it and removes it, so the room is clean again.
      const b = await connect(`${String(started.ready.ws)}?room=persist&username=영희`);
      b.socket.send(JSON.stringify({ content: '다시 왔어요' }));
      await b.waitFor(
        (f: unknown): f is ChatFrame2019 => isChat(f) && f.content === '다시 왔어요',
        'the echo after restart',
      );
      await expect
        .poll(
          async () => {
            const { Items: users } = await again.doc.send(
              new ScanCommand({ TableName: 'User', ConsistentRead: true }),
            );
            return (users ?? []).filter((u) => u.room === 'persist').map((u) => u.username);
          },
          { timeout: 20_000, interval: 100, message: 'the ghost row to be cleaned by the broadcast' },
        )
        .toEqual(['영희']);
      b.close();
    } finally {
      again.ddb.destroy();
    }
  }, 150_000);
});
