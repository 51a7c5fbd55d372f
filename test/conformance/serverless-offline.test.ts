/**
 * The same scenario, with clients that speak exactly the 2019 Android protocol, on `npm start`
 * (the emulator) and on `npm run offline` (osls + serverless-offline); then the known differences
 * between serverless-offline and API Gateway, each measured on both, printed as a table.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClients } from '../support/engine.ts';
import { type Started, startScript, waitForExit } from '../support/processes.ts';
import { type ChatFrame2019, connect, type GameFrame2019, isChat, isGame } from './clients.ts';
import { type Endpoints, PROBES } from './differences.ts';

interface Runtime {
  name: string;
  script: string;
  started?: Started;
  /** Why this runtime cannot play yet; the test says so instead of pretending. */
  unavailable?: string;
}

const runtimes: Runtime[] = [
  { name: 'npm start', script: 'scripts/start.ts' },
  { name: 'npm run offline', script: 'scripts/offline.ts' },
];
const observed = new Map<string, Map<string, string>>();

function endpoints(runtime: Runtime): Endpoints {
  const ready = runtime.started?.ready ?? {};
  return { ws: String(ready.ws), management: String(ready.management), dynamodb: String(ready.dynamodb) };
}

beforeAll(async () => {
  await Promise.all(
    runtimes.map(async (runtime) => {
      runtime.started = await startScript(runtime.script, [], {}, 110_000);
      const missing = ['ws', 'management', 'dynamodb'].filter((k) => !runtime.started?.ready[k]);
      // The emulator's gateway is wired into npm start in its own issue; until then READY lacks ws.
      if (missing.length > 0) runtime.unavailable = `its READY line has no ${missing.join(', ')} yet`;
    }),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(
    runtimes.map(async ({ started }) => {
      if (!started || started.child.exitCode !== null) return;
      started.child.kill('SIGTERM');
      await waitForExit(started.child, 10_000).catch(() => started.child.kill('SIGKILL'));
    }),
  );
});

async function questionWord(dynamodb: string, index: number): Promise<string> {
  const { doc } = adminClients(dynamodb);
  const { Item } = await doc.send(new GetCommand({ TableName: 'Words', Key: { key: `question#${index}` } }));
  if (typeof Item?.word !== 'string') throw new Error(`the word bank has no question #${index}`);
  return Item.word;
}

describe.each(runtimes)('2019 protocol on $name', (runtime) => {
  it('chats and answers the current consonant with two clients', async (ctx) => {
    if (runtime.unavailable) {
      console.warn(`conformance: skipping ${runtime.name}: ${runtime.unavailable}`);
      ctx.skip();
    }
    const { ws, dynamodb } = endpoints(runtime);
    const [a, b] = await Promise.all([connect(ws), connect(ws)]);
    try {
      a.socket.send('start!');
      b.socket.send('start!');
      const game = await a.waitFor(isGame, 'a game frame after start!');
      await b.waitFor(isGame, 'a game frame after start!');

      a.socket.send(JSON.stringify({ username: '철수', content: '안녕하세요' }));
      const hello = (f: unknown): f is ChatFrame2019 => isChat(f) && f.content === '안녕하세요';
      expect(await a.waitFor(hello, 'the chat echo')).toMatchObject({ username: '철수' });
      expect(await b.waitFor(hello, 'the chat broadcast')).toMatchObject({ username: '철수' });

      const answer = await questionWord(dynamodb, game.nowWordIdx);
      a.socket.send(JSON.stringify({ username: '철수', content: answer }));
      const next = (f: unknown): f is GameFrame2019 => isGame(f) && f.nowWordIdx !== game.nowWordIdx;
      const [nextA, nextB] = await Promise.all([
        a.waitFor(next, 'the next question'),
        b.waitFor(next, 'the next question'),
      ]);
      expect(nextA).toEqual(nextB);
      expect(nextA.answeredWords).toContain(answer);
      // The 2019 client reads any frame with username+content as chat: a game frame must not look like one.
      for (const frame of [...a.frames, ...b.frames]) if (isGame(frame)) expect(isChat(frame)).toBe(false);
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('known differences between serverless-offline and API Gateway', () => {
  it('observes each one on npm run offline, and npm start behaving as AWS does', async () => {
    for (const runtime of runtimes) {
      if (runtime.unavailable) continue;
      const results = new Map<string, string>();
      for (const probe of PROBES) results.set(probe.id, await probe.measure(endpoints(runtime)));
      observed.set(runtime.name, results);
    }
    const emulator = observed.get('npm start');
    const offline = observed.get('npm run offline');
    const rows = PROBES.map((p) => ({
      difference: p.id,
      AWS: p.aws,
      'npm start': emulator?.get(p.id) ?? `not measured: ${runtimes[0]?.unavailable}`,
      'npm run offline': offline?.get(p.id) ?? 'not measured',
    }));
    console.log('\nKnown differences, as measured in this run:');
    console.table(rows);

    expect(offline, 'npm run offline must be measurable').toBeDefined();
    for (const probe of PROBES) {
      const seenOffline = offline?.get(probe.id) ?? '';
      expect(seenOffline, `${probe.id} on serverless-offline`).toMatch(probe.offlinePattern);
      expect(
        seenOffline,
        `${probe.id}: serverless-offline now behaves as AWS; drop it from the list`,
      ).not.toMatch(probe.awsPattern);
      if (emulator) expect(emulator.get(probe.id), `${probe.id} on npm start`).toMatch(probe.awsPattern);
    }
  });
});
