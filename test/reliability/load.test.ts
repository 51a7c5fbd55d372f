/**
 * Load on the whole app: many real ws clients connecting at API Gateway's quota (500 new
 * connections per second), chatting in rooms of 20, and racing to answer. Afterwards: every chat
 * row stored exactly once and delivered exactly once to everyone in its room, one winner and one
 * point per round, and — once every client has left — no User rows, no gateway connections and
 * the emulator's heap back where it was.
 *
 * CI size: 200 connections, 1,000 chat messages. RELIABILITY_FULL=1: 1,000 connections, 10,000
 * messages (run by hand; the result is recorded in RELIABILITY.md). No timing is asserted: speed
 * belongs to `npm run bench`.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_MAX_EVENTS_PER_GROUP, LogStore } from '../../emulator/logs/index.ts';
import { type App, collectGarbage, sleep, startApp } from './app.ts';

const FULL = process.env.RELIABILITY_FULL === '1';
const CONNECTIONS = FULL ? 1000 : 200;
const MESSAGES = FULL ? 10_000 : 1000;
const ROOM_SIZE = 20;
const ROUNDS_PER_ROOM = 3;
/** Racers per round: this many players send the right word at the same moment. */
const RACERS = 3;
/** Connects per tick and ticks per second: 25 every 50 ms is the 500/s quota. */
const CONNECT_BATCH = 25;
const CONNECT_TICK_MS = 50;
/** Messages in flight at once (each client waits for its own echo before its next message). */
const WINDOW = 64;
const ROOMS = CONNECTIONS / ROOM_SIZE;
/**
 * Heap growth allowed once everyone has left. Measured: about 5 MB at either size once warm (code
 * and pools that stay); before the log store was bounded the full size grew by 13 MB, all of it
 * START/END/REPORT lines kept in memory, and kept growing with every message.
 */
const MEMORY_SLACK_MB = 10;

let app: App;

beforeAll(async () => {
  app = await startApp({ maxInstancesPerFunction: 8 });
});

afterAll(async () => {
  await app?.stop();
});

interface Player {
  index: number;
  room: string;
  socket: WebSocket;
  /** Chat content → how many times this player received it. */
  chats: Map<string, number>;
  /** Game round → how many game frames announced it. */
  rounds: Map<number, number>;
  internalErrors: number;
  otherFrames: number;
  /** Resolved when a chat with this content arrives. */
  waiting: Map<string, () => void>;
  closed: Promise<void>;
}

function open(index: number, room: string): Promise<Player> {
  const socket = new WebSocket(`${app.ws}?room=${room}&username=p${index}`);
  const player: Player = {
    index,
    room,
    socket,
    chats: new Map(),
    rounds: new Map(),
    internalErrors: 0,
    otherFrames: 0,
    waiting: new Map(),
    closed: new Promise((done) => socket.once('close', () => done())),
  };
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown>;
    if (frame.type === 'chat' && typeof frame.content === 'string') {
      player.chats.set(frame.content, (player.chats.get(frame.content) ?? 0) + 1);
      player.waiting.get(frame.content)?.();
    } else if (frame.type === 'game' && typeof frame.round === 'number') {
      player.rounds.set(frame.round, (player.rounds.get(frame.round) ?? 0) + 1);
    } else if (frame.message === 'Internal server error' || frame.message === 'Endpoint request timed out') {
      player.internalErrors++;
    } else {
      player.otherFrames++;
    }
  });
  return new Promise((ok, fail) => {
    socket.once('open', () => ok(player));
    socket.once('error', fail);
  });
}

/** Sends `content` and resolves when the sender's own broadcast copy arrives. */
function say(player: Player, content: string): Promise<void> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`player ${player.index}: no echo of ${content} within 60 s`)),
      60_000,
    );
    player.waiting.set(content, () => {
      clearTimeout(timer);
      player.waiting.delete(content);
      ok();
    });
    player.socket.send(JSON.stringify({ username: `p${player.index}`, content }));
  });
}

/** Runs `tasks` with at most `width` in flight. */
async function windowed(tasks: Array<() => Promise<void>>, width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++];
        if (task) await task();
      }
    }),
  );
}

async function heapAfterGc(): Promise<number> {
  // Let sockets finish closing and timers fire before measuring.
  await sleep(500);
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

async function gameOf(room: string): Promise<{ round: number; nowWordIdx: number }> {
  const { Item } = await app.admin.doc.send(
    new GetCommand({ TableName: 'Game', Key: { room }, ConsistentRead: true }),
  );
  return { round: Number(Item?.round ?? -1), nowWordIdx: Number(Item?.nowWordIdx ?? -1) };
}

describe(`load: ${CONNECTIONS} connections, ${MESSAGES} chat messages, rooms of ${ROOM_SIZE}`, () => {
  it('loses and doubles nothing, scores once per round, and gives the memory back', {
    // About 2 min alone on 2 cores; beside the rest of the suite it can take twice that.
    timeout: FULL ? 1_800_000 : 480_000,
  }, async () => {
    // Warm up (instances started, code paths compiled) so the baseline is a running emulator's.
    const warm = await Promise.all(Array.from({ length: 10 }, (_, i) => open(-1 - i, 'warmup')));
    await Promise.all(warm.map((p, i) => say(p, `warm-${i}`)));
    for (const p of warm) p.socket.close();
    await Promise.all(warm.map((p) => p.closed));
    await expect
      .poll(async () => (await app.scan('User')).length, {
        timeout: 60_000,
        interval: 100,
        message: 'the warm-up rows to go',
      })
      .toBe(0);
    const baseline = await heapAfterGc();

    // Connect at the quota: CONNECT_BATCH new handshakes every CONNECT_TICK_MS.
    const opening: Promise<Player>[] = [];
    for (let i = 0; i < CONNECTIONS; i += CONNECT_BATCH) {
      for (let j = i; j < Math.min(CONNECTIONS, i + CONNECT_BATCH); j++)
        opening.push(open(j, `load-${j % ROOMS}`));
      await sleep(CONNECT_TICK_MS);
    }
    let players: Player[] = await Promise.all(opening);
    expect(app.emulator.gateway.connections().filter((c) => c.state === 'open')).toHaveLength(CONNECTIONS);
    expect((await app.scan('User')).length).toBe(CONNECTIONS);

    // Chat: MESSAGES in all, spread over the players, at most WINDOW in flight.
    const sent = new Map<string, string>(); // content → room
    const tasks: Array<() => Promise<void>> = [];
    for (let m = 0; m < MESSAGES; m++) {
      const player = players[m % CONNECTIONS] as Player;
      const content = `m-${player.index}-${Math.floor(m / CONNECTIONS)}`;
      sent.set(content, player.room);
      tasks.push(() => say(player, content));
    }
    await windowed(tasks, WINDOW);

    // Answer races: in every room, RACERS players send the right word at once, ROUNDS_PER_ROOM times.
    for (let round = 1; round <= ROUNDS_PER_ROOM; round++) {
      await Promise.all(
        Array.from({ length: ROOMS }, async (_, r) => {
          const room = `load-${r}`;
          const game = await gameOf(room);
          expect(game.round, `round of ${room}`).toBe(round - 1);
          const word = await app.questionWord(game.nowWordIdx);
          const racers = players.filter((p) => p.room === room).slice(round, round + RACERS);
          for (const p of racers) p.socket.send(JSON.stringify({ username: `p${p.index}`, content: word }));
          await Promise.all(
            racers.map((p) =>
              expect
                .poll(() => p.rounds.has(round), {
                  timeout: 60_000,
                  interval: 100,
                  message: `round ${round} in ${room}`,
                })
                .toBe(true),
            ),
          );
        }),
      );
    }
    // Every player has seen every round of its room announced.
    await expect
      .poll(() => players.every((p) => p.rounds.size === ROUNDS_PER_ROOM), {
        timeout: 60_000,
        interval: 100,
        message: 'every game frame to arrive',
      })
      .toBe(true);

    // Chat rows: each sent message exactly once (the answers are chat too: RACERS rows per round).
    const rows = await app.scan('Chat');
    const counted = new Map<string, number>();
    for (const row of rows) {
      if (String(row.room).startsWith('load-'))
        counted.set(
          `${String(row.room)}\u0000${String(row.content)}`,
          (counted.get(`${String(row.room)}\u0000${String(row.content)}`) ?? 0) + 1,
        );
    }
    const lost: string[] = [];
    const doubled: string[] = [];
    for (const [content, room] of sent) {
      const n = counted.get(`${room}\u0000${content}`) ?? 0;
      if (n === 0) lost.push(content);
      if (n > 1) doubled.push(content);
    }
    expect(lost).toEqual([]);
    expect(doubled).toEqual([]);
    const answerRows = rows.filter(
      (r) => String(r.room).startsWith('load-') && !String(r.content).startsWith('m-'),
    );
    expect(answerRows).toHaveLength(ROOMS * ROUNDS_PER_ROOM * RACERS);
    expect(rows.filter((r) => String(r.room).startsWith('load-'))).toHaveLength(
      MESSAGES + ROOMS * ROUNDS_PER_ROOM * RACERS,
    );

    // Delivery: everyone got every chat of its room once, and every round once; nothing failed.
    const chatsOfRoom = new Map<string, string[]>();
    for (const [content, room] of sent) chatsOfRoom.set(room, [...(chatsOfRoom.get(room) ?? []), content]);
    for (const p of players) {
      const expected = chatsOfRoom.get(p.room) ?? [];
      const missing = expected.filter((c) => (p.chats.get(c) ?? 0) === 0);
      const twice = [...p.chats].filter(([c, n]) => c.startsWith('m-') && n > 1).map(([c]) => c);
      expect({ player: p.index, missing, twice }).toEqual({ player: p.index, missing: [], twice: [] });
      expect([...p.rounds.entries()].sort((a, b) => a[0] - b[0])).toEqual(
        Array.from({ length: ROUNDS_PER_ROOM }, (_, i) => [i + 1, 1]),
      );
      expect(p.internalErrors).toBe(0);
      expect(p.otherFrames).toBe(0);
    }

    // Scores (kept per player, in Player): one point per round won, and the room's points add up to its rounds.
    const scored = await app.scan('Player');
    for (let r = 0; r < ROOMS; r++) {
      const room = `load-${r}`;
      expect((await gameOf(room)).round).toBe(ROUNDS_PER_ROOM);
      const points = scored.filter((u) => u.room === room).reduce((sum, u) => sum + Number(u.score ?? 0), 0);
      expect(points, `points in ${room}`).toBe(ROUNDS_PER_ROOM);
    }
    expect(
      app.lines.filter((l) => l.startsWith('error') || l.startsWith('throttled') || l.startsWith('refused')),
    ).toEqual([]);

    // Everyone leaves: rows, connections and memory go back to where they were.
    for (const p of players) p.socket.close();
    await Promise.all(players.map((p) => p.closed));
    players = [];
    opening.length = 0;
    await expect
      .poll(async () => (await app.scan('User')).length, {
        timeout: 120_000,
        interval: 100,
        message: 'every User row to go',
      })
      .toBe(0);
    await expect
      .poll(() => app.emulator.gateway.connections().length, {
        timeout: 60_000,
        interval: 100,
        message: 'the gateway registry to empty',
      })
      .toBe(0);
    const after = await heapAfterGc();
    const grownMB = (after - baseline) / (1024 * 1024);
    console.log(
      `load: ${CONNECTIONS} connections, ${MESSAGES} messages; heap ${(baseline / 1048576).toFixed(1)} MB before, ${(after / 1048576).toFixed(1)} MB after everyone left (${grownMB >= 0 ? '+' : ''}${grownMB.toFixed(1)} MB); Lambda instances ${app.emulator.lambda.stats().instances}; log events kept in memory ${app.emulator.logs.events().length}`,
    );
    expect(grownMB).toBeLessThan(MEMORY_SLACK_MB);
    expect(app.emulator.lambda.stats().instances).toBeLessThanOrEqual(8);
  });

  it('the log store keeps a bounded number of events in memory, the newest, however many invocations', () => {
    const store = new LogStore();
    const total = DEFAULT_MAX_EVENTS_PER_GROUP * 3;
    for (let i = 0; i < total; i++) {
      // A new stream now and then, as new instances start.
      store.put({
        functionName: 'app',
        logGroup: '/aws/lambda/app',
        logStream: `s${Math.floor(i / 1000)}`,
        timestamp: i,
        message: `REPORT ${i}`,
      });
    }
    const kept = store.events({ group: '/aws/lambda/app' });
    expect(kept).toHaveLength(DEFAULT_MAX_EVENTS_PER_GROUP);
    expect(kept.at(-1)?.message).toBe(`REPORT ${total - 1}`);
    expect(kept[0]?.message).toBe(`REPORT ${total - DEFAULT_MAX_EVENTS_PER_GROUP}`);
    expect(store.streams('/aws/lambda/app').length).toBe(Math.ceil(DEFAULT_MAX_EVENTS_PER_GROUP / 1000));
  });
});
