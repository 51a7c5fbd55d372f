/**
 * Players as people expect them, through the real handlers on a real engine: a nickname and a
 * per-browser token survive reconnects with their score; the same nickname twice at once is
 * refused unless it is the same player, who takes over; every room asks its own (predictable)
 * sequence; a late joiner gets the whole answer history; the first screen can list the rooms.
 */
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../../emulator/dynamodb/engine.ts';
import { read2019 } from '../../../lambda/src/protocol/reading.ts';
import { initialConsonants } from '../../../lambda/src/rules/consonants.ts';
import { loadDictionaryNouns } from '../../../lambda/src/words/dictionary.ts';
import { useTestEngine } from '../../support/engine.ts';
import { createWorld, sequence, type World } from './harness.ts';

const engines: EngineKind[] = process.env.TEST_ENGINE
  ? [process.env.TEST_ENGINE as EngineKind]
  : ['local', 'dynalite'];
const nouns = loadDictionaryNouns();
const QUESTIONS = ['사람', '강아지', '서랍', '고양이', '바나나', '자동차'];
const TOKEN_A = 'token-of-alices-browser-0001';
const TOKEN_B = 'token-of-someone-else-00002';

const join = (username: string, room: string, token?: string) =>
  JSON.stringify({ action: 'join', username, room, ...(token ? { token } : {}) });

describe.each(engines)('players on %s', (kind) => {
  const clients = useTestEngine(kind);
  let w: World;

  const fresh = async () => {
    w = await createWorld(clients.ddb, clients.doc, { questions: QUESTIONS, nouns });
    return w;
  };
  const lastFrame = (connectionId: string) => w.poster.received(connectionId).at(-1);
  /** Answers the room's current question with its own word and returns the new game frame. */
  const answer = async (connectionId: string, room: string, position: number) => {
    const word = sequence(room, QUESTIONS)[position] ?? '';
    await w.send(connectionId, JSON.stringify({ action: 'chat', content: word }));
    return word;
  };

  it('a player who reconnects with its token keeps its score; the table is the same for everyone', async () => {
    await fresh();
    const room = 'keep';
    const first = await w.connect();
    await w.send(first, join('alice', room, TOKEN_A));
    const bob = await w.connect();
    await w.send(bob, join('bob', room));
    await answer(first, room, 0);
    expect(w.poster.ofType(bob, 'game').at(-1)?.scores).toEqual([
      { username: 'alice', answerCnt: 1 },
      { username: 'bob', answerCnt: 0 },
    ]);

    // A refresh: the old socket closes, a new one joins with the same token.
    await w.disconnect(first);
    const second = await w.connect();
    await w.send(second, join('alice', room, TOKEN_A));
    const joined = w.poster.ofType(second, 'joined')[0];
    expect(joined?.scores).toEqual([
      { username: 'alice', answerCnt: 1 },
      { username: 'bob', answerCnt: 0 },
    ]);
    await answer(second, room, 1);
    const tables = [second, bob].map((id) => w.poster.ofType(id, 'game').at(-1)?.scores);
    expect(tables[0]).toEqual([
      { username: 'alice', answerCnt: 2 },
      { username: 'bob', answerCnt: 0 },
    ]);
    expect(tables[1]).toEqual(tables[0]);
    // Only a hash of the token is stored.
    const stored = (await w.scan('player')).find((player) => player.nickname === 'alice');
    expect(stored).toMatchObject({ room, score: 2, connectionId: second });
    expect(JSON.stringify(stored)).not.toContain(TOKEN_A);
  });

  it('refuses the same nickname twice at once with an error frame, and writes nothing for it', async () => {
    await fresh();
    const room = 'twice';
    const alice = await w.connect();
    await w.send(alice, join('alice', room, TOKEN_A));
    const impostor = await w.connect();
    await w.send(impostor, join('alice', room, TOKEN_B));
    expect(lastFrame(impostor)).toEqual({
      error: { code: 'nickname-in-use', message: expect.stringMatching(/pick another/) },
    });
    const tokenless = await w.connect();
    await w.send(tokenless, join('alice', room));
    expect(lastFrame(tokenless)).toMatchObject({ error: { code: 'nickname-in-use' } });
    // The 2019 client names itself in each message: refused too, and its line is not broadcast.
    const android = await w.connect({ room });
    await w.send(android, JSON.stringify({ username: 'alice', content: '나도 앨리스' }));
    expect(lastFrame(android)).toMatchObject({ error: { code: 'nickname-in-use' } });
    expect(w.poster.ofType(alice, 'chat')).toEqual([]);
    expect(w.poster.ofType(impostor, 'joined')).toEqual([]);
    // Nobody but alice holds the name, and the room still has one player.
    const users = await w.scan('user');
    expect(users.filter((user) => user.username === 'alice').map((user) => user.connectionId)).toEqual([
      alice,
    ]);
    // $connect with a taken name refuses the upgrade.
    await expect(w.connect({ room, username: 'alice' })).rejects.toThrow(/409/);

    // While alice is away her nickname stays hers: another browser is still refused.
    await w.disconnect(alice);
    const later = await w.connect();
    await w.send(later, join('alice', room, TOKEN_B));
    expect(lastFrame(later)).toMatchObject({ error: { code: 'nickname-taken' } });
  });

  it('the same player joining from a second connection takes over the first, which is told', async () => {
    await fresh();
    const room = 'takeover';
    const tab1 = await w.connect();
    await w.send(tab1, join('alice', room, TOKEN_A));
    const bob = await w.connect();
    await w.send(bob, join('bob', room));
    const tab2 = await w.connect();
    await w.send(tab2, join('alice', room, TOKEN_A));
    expect(w.poster.ofType(tab2, 'joined')).toHaveLength(1);
    expect(lastFrame(tab1)).toMatchObject({ error: { code: 'replaced' } });
    expect(read2019(JSON.stringify(lastFrame(tab1)))).toBe('dropped');

    w.poster.clear();
    await w.send(bob, JSON.stringify({ action: 'chat', content: 'hello' }));
    expect(w.poster.ofType(tab2, 'chat')).toHaveLength(1);
    expect(w.poster.received(tab1)).toEqual([]);
    const users = await w.scan('user');
    expect(users.map((user) => user.connectionId).sort()).toEqual([bob, tab2].sort());
  });

  it('the 2019 protocol needs no token: its nickname is its identity, and its score survives a reconnect', async () => {
    await fresh();
    const phone = await w.connect();
    await w.send(phone, 'start!');
    expect(read2019(w.poster.frames.get(phone)?.[0] ?? '')).toBe('game');
    const word = sequence('general', QUESTIONS)[0] ?? '';
    await w.send(phone, JSON.stringify({ username: '예본', content: word }));
    await w.disconnect(phone);
    const again = await w.connect();
    await w.send(again, JSON.stringify({ username: '예본', content: sequence('general', QUESTIONS)[1] }));
    const game = w.poster.ofType(again, 'game').at(-1);
    expect(game?.scores).toEqual([{ username: '예본', answerCnt: 2 }]);
    for (const frame of w.poster.frames.get(again) ?? []) expect(read2019(frame)).not.toBe('dropped');
  });

  it('every room asks its own sequence, as rules/shuffle.ts predicts, without repeats', async () => {
    await fresh();
    const rooms = ['alpha', 'beta', 'delta'];
    for (const room of rooms) {
      const player = await w.connect();
      await w.send(player, join(`p-${room}`, room));
      const seen = [
        String(
          (w.poster.ofType(player, 'joined')[0]?.game as { nowConsonant?: string } | undefined)?.nowConsonant,
        ),
      ];
      for (let position = 0; position < QUESTIONS.length - 1; position++) {
        await answer(player, room, position);
        seen.push(String(w.poster.ofType(player, 'game').at(-1)?.nowConsonant));
      }
      expect(seen).toEqual(sequence(room, QUESTIONS).map(initialConsonants));
    }
    const firsts = rooms.map((room) => sequence(room, QUESTIONS).join());
    expect(new Set(firsts).size).toBe(3);
  });

  it("a late joiner's reply carries every answer so far with its consonants", async () => {
    await fresh();
    const room = 'late';
    const early = await w.connect();
    await w.send(early, join('early', room));
    const words = [];
    for (let position = 0; position < 3; position++) words.push(await answer(early, room, position));
    const late = await w.connect();
    await w.send(late, join('late', room));
    const joined = w.poster.ofType(late, 'joined')[0];
    expect(joined?.answers).toEqual(
      words.map((word) => ({ username: 'early', word, consonant: initialConsonants(word) })),
    );
  });

  it('{"action":"rooms"} lists rooms with their joined players; a lobby socket is not counted', async () => {
    await fresh();
    for (const [room, count] of [
      ['busy', 3],
      ['quiet', 1],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const id = await w.connect();
        await w.send(id, join(`${room}${i}`, room));
      }
    }
    const lobby = await w.connect();
    await w.send(lobby, JSON.stringify({ action: 'rooms' }));
    expect(lastFrame(lobby)).toEqual({
      type: 'rooms',
      rooms: [
        { room: 'busy', players: 3 },
        { room: 'quiet', players: 1 },
        { room: 'general', players: 0 },
      ],
    });
  });
});
