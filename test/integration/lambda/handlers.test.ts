/**
 * The app's handlers driven with WebSocket events against a real engine: DynamoDB Local and
 * dynalite (which lacks transactions: the app must not need them). TEST_ENGINE picks one.
 */
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../../emulator/dynamodb/engine.ts';
import { read2019 } from '../../../lambda/src/protocol/reading.ts';
import { initialConsonants } from '../../../lambda/src/rules/consonants.ts';
import { gameIdForRoom } from '../../../lambda/src/rules/game.ts';
import { loadDictionaryNouns } from '../../../lambda/src/words/dictionary.ts';
import { useTestEngine } from '../../support/engine.ts';
import { createWorld, roomAsking, sequence, type World } from './harness.ts';

const engines: EngineKind[] = process.env.TEST_ENGINE
  ? [process.env.TEST_ENGINE as EngineKind]
  : ['local', 'dynalite'];
const nouns = loadDictionaryNouns();
const answersFor = (pattern: string) => [...nouns].filter((noun) => initialConsonants(noun) === pattern);

describe.each(engines)('lambda handlers on %s', (kind) => {
  const clients = useTestEngine(kind);

  const world = (questions: readonly string[], pageSize?: number): Promise<World> =>
    createWorld(clients.ddb, clients.doc, {
      questions,
      nouns,
      ...(pageSize !== undefined ? { pageSize } : {}),
    });

  it('connect, join, chat and a right answer: everyone sees chat and the next question, the winner scores', async () => {
    const questions = ['사람', '강아지', '서랍'];
    const room = roomAsking(questions, ['사람', '강아지']);
    const w = await world(questions);
    const alice = await w.connect({ room });
    const bob = await w.connect({ room, username: 'bob' });
    expect(await w.send(alice, JSON.stringify({ action: 'join', username: 'alice', room }))).toBe(200);
    const joined = w.poster.ofType(alice, 'joined');
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ room, username: 'alice', recentChat: [], answers: [] });
    expect(joined[0]?.game).toMatchObject({
      id: gameIdForRoom(room),
      nowWordIdx: 0,
      nowConsonant: 'ㅅㄹ',
      answeredWords: '',
    });

    await w.send(bob, JSON.stringify({ action: 'chat', content: '안녕하세요' }));
    await w.send(alice, JSON.stringify({ action: 'chat', content: '서리' }));
    for (const who of [alice, bob]) {
      expect(w.poster.ofType(who, 'chat').map((frame) => frame.content)).toEqual(['안녕하세요', '서리']);
      const games = w.poster.ofType(who, 'game');
      expect(games).toHaveLength(1);
      expect(games[0]).toMatchObject({
        nowWordIdx: 1,
        nowConsonant: 'ㄱㅇㅈ',
        answeredWords: '서리',
        lastAnswer: { username: 'alice', word: '서리' },
        // Everyone's table, so a player who joined first still learns of the later ones.
        scores: [
          { username: 'alice', answerCnt: 1 },
          { username: 'bob', answerCnt: 0 },
        ],
      });
    }
    const players = await w.scan('player');
    expect(players.find((player) => player.nickname === 'alice')).toMatchObject({ room, score: 1 });
    expect(players.find((player) => player.nickname === 'bob')).toMatchObject({ room, score: 0 });

    const carol = await w.connect();
    await w.send(carol, JSON.stringify({ action: 'join', username: 'carol', room }));
    const carolJoined = w.poster.ofType(carol, 'joined')[0];
    expect(
      (carolJoined?.recentChat as { content: string }[] | undefined)?.map((chat) => chat.content),
    ).toEqual(['안녕하세요', '서리']);
    expect(carolJoined?.scores).toEqual([
      { username: 'alice', answerCnt: 1 },
      { username: 'bob', answerCnt: 0 },
      { username: 'carol', answerCnt: 0 },
    ]);
    expect(carolJoined?.game).toMatchObject({ nowWordIdx: 1, nowConsonant: 'ㄱㅇㅈ' });
    // The late joiner gets every answer so far, with the consonants it answered.
    expect(carolJoined?.answers).toEqual([{ username: 'alice', word: '서리', consonant: 'ㅅㄹ' }]);

    await w.disconnect(bob);
    expect((await w.scan('user')).map((user) => user.connectionId).sort()).toEqual([alice, carol].sort());
  });

  it('speaks the 2019 Android protocol: start!, then {username, content}', async () => {
    // The default room, as the 2019 app only knew it; it asks its own shuffled sequence.
    const questions = ['강아지', '사람'];
    const [firstWord = '', secondWord = ''] = sequence('general', questions);
    const w = await world(questions);
    const phone = await w.connect();
    await w.send(phone, 'start!');
    const [first] = w.poster.frames.get(phone) ?? [];
    expect(first && read2019(first)).toBe('game');
    expect(JSON.parse(first ?? '{}')).toMatchObject({
      id: 1,
      nowWordIdx: questions.indexOf(firstWord),
      nowConsonant: initialConsonants(firstWord),
    });

    await w.send(phone, JSON.stringify({ username: '예본', content: firstWord }));
    const frames = (w.poster.frames.get(phone) ?? []).slice(1);
    expect(frames.map(read2019)).toEqual(['chat', 'game']);
    expect(JSON.parse(frames[0] ?? '{}')).toMatchObject({ username: '예본', content: firstWord });
    expect(JSON.parse(frames[1] ?? '{}')).toMatchObject({
      nowWordIdx: questions.indexOf(secondWord),
      nowConsonant: initialConsonants(secondWord),
      answeredWords: firstWord,
    });
    // The tokenless player's score is kept under its nickname.
    expect(await w.scan('player')).toMatchObject([{ room: 'general', nickname: '예본', score: 1 }]);
  });

  it('50 concurrent right answers: exactly one advance and one point', async () => {
    // Both questions are ㅅㄹ, so whichever the room asks first, every word below fits it.
    const questions = ['사람', '서리'];
    const [, second = ''] = sequence('general', questions);
    const w = await world(questions);
    const players = await Promise.all(Array.from({ length: 50 }, () => w.connect()));
    await Promise.all(
      players.map((id, i) => w.send(id, JSON.stringify({ action: 'join', username: `p${i}` }))),
    );
    w.poster.clear();
    // Half send the same word, half different valid words: both kinds of collision.
    const valid = answersFor('ㅅㄹ');
    expect(valid.length).toBeGreaterThan(25);
    await Promise.all(
      players.map((id, i) =>
        w.send(id, JSON.stringify({ content: i % 2 === 0 ? '사람' : (valid[i] ?? '사랑') })),
      ),
    );

    const games = await w.scan('game');
    expect(games).toHaveLength(1);
    expect(games[0]).toMatchObject({ nowWordIdx: questions.indexOf(second), round: 1, nowConsonant: 'ㅅㄹ' });
    expect((games[0]?.answered as Set<string> | undefined)?.size).toBe(1);
    const scores = (await w.scan('player')).map((player) => Number(player.score));
    expect(scores).toHaveLength(50);
    expect(scores.reduce((a, b) => a + b, 0)).toBe(1);
    expect(scores.filter((score) => score === 1)).toHaveLength(1);
    for (const id of players) expect(w.poster.ofType(id, 'game')).toHaveLength(1);
    expect(w.logger.lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('accepts a word that an earlier answer contains, and one that contains an earlier answer', async () => {
    // The workshop's answeredWords.includes(content) rejected 서랍 once 서랍장 had been answered.
    const questions = ['서랍장', '서랍', '사과', '사과즙', '강아지'];
    const room = roomAsking(questions, questions.slice(0, 4));
    const w = await world(questions);
    const player = await w.connect({ room, username: 'p' });
    for (const word of ['서랍장', '서랍', '사과', '사과즙']) {
      await w.send(player, JSON.stringify({ content: word }));
    }
    const games = w.poster.ofType(player, 'game');
    expect(games.map((game) => (game.lastAnswer as { word: string }).word)).toEqual([
      '서랍장',
      '서랍',
      '사과',
      '사과즙',
    ]);
    expect(games.at(-1)).toMatchObject({ nowWordIdx: 4, answeredWords: '사과, 사과즙, 서랍, 서랍장' });
  });

  it('rejects a word already answered in this cycle, and a word not in the dictionary', async () => {
    const questions = ['사람', '서랍', '강아지'];
    const room = roomAsking(questions, ['사람', '서랍']);
    const w = await world(questions);
    const player = await w.connect({ room, username: 'p' });
    await w.send(player, JSON.stringify({ content: '사랑' }));
    await w.send(player, JSON.stringify({ content: '사랑' }));
    await w.send(player, JSON.stringify({ content: '살람' }));
    expect(w.poster.ofType(player, 'game')).toHaveLength(1);
    expect((await w.scan('game')).find((game) => game.room === room)).toMatchObject({
      nowWordIdx: 1,
      round: 1,
    });
    expect(
      w.logger.lines.filter((line) => line.message === 'answer rejected').map((line) => line.context.reason),
    ).toEqual(['already-answered', 'not-a-word']);
  });

  it('broadcasts to every connection of a room across Query pages, and only that room', async () => {
    const w = await world(['사람'], 2);
    const general = await Promise.all(Array.from({ length: 7 }, () => w.connect()));
    const elsewhere = await Promise.all(Array.from({ length: 3 }, () => w.connect({ room: 'quiz' })));
    await w.send(general[0] ?? '', JSON.stringify({ username: 'a', content: 'hello' }));
    for (const id of general) expect(w.poster.ofType(id, 'chat')).toHaveLength(1);
    for (const id of elsewhere) expect(w.poster.received(id)).toEqual([]);

    await w.send(elsewhere[0] ?? '', JSON.stringify({ username: 'q', content: '사람' }));
    for (const id of elsewhere)
      expect(w.poster.ofType(id, 'game')[0]).toMatchObject({ room: 'quiz', round: 1 });
    for (const id of general) expect(w.poster.ofType(id, 'game')).toEqual([]);
    const games = await w.scan('game');
    expect(games.find((game) => game.room === 'general')).toMatchObject({ round: 0 });
  });

  it('a 410 deletes that connection, not the sender', async () => {
    const w = await world(['사람']);
    const [sender, closed, open] = await Promise.all([w.connect(), w.connect(), w.connect()]);
    w.poster.gone.add(closed);
    await w.send(sender, JSON.stringify({ username: 's', content: 'hi' }));
    const left = (await w.scan('user')).map((user) => user.connectionId);
    expect(left.sort()).toEqual([sender, open].sort());
    expect(w.poster.ofType(open, 'chat')).toHaveLength(1);
    expect(w.poster.ofType(sender, 'chat')).toHaveLength(1);
  });

  it('logs a 403 from the management API and still delivers to the others', async () => {
    const w = await world(['사람']);
    const [sender, denied] = await Promise.all([w.connect(), w.connect()]);
    w.poster.forbidden.add(denied);
    await w.send(sender, JSON.stringify({ username: 's', content: 'hi' }));
    expect(w.poster.ofType(sender, 'chat')).toHaveLength(1);
    const failure = w.logger.lines.find((line) => line.message === 'post to connection failed');
    expect(failure?.context).toMatchObject({
      connectionId: denied,
      errorName: 'ForbiddenException',
      httpStatus: 403,
    });
    expect((await w.scan('user')).map((user) => user.connectionId)).toContain(denied);
  });

  it('answers bad input with an error frame and writes nothing', async () => {
    const w = await world(['사람']);
    const [sender, other] = await Promise.all([w.connect(), w.connect()]);
    const before = { users: await w.scan('user'), chat: await w.scan('chat'), game: await w.scan('game') };
    const cases: [string, string][] = [
      ['{not json', 'invalid-json'],
      ['{"username":"a","Content":"사람"}', 'wrong-key-case'],
      ['{"username":"a","content":"  "}', 'empty-content'],
      [JSON.stringify({ username: 'a', content: '가'.repeat(501) }), 'content-too-long'],
      ['{"username":"a"}', 'missing-content'],
      ['{"action":"dance"}', 'unknown-action'],
      ['{"content":"사람"}', 'not-joined'],
      ['{"action":"join","username":""}', 'invalid-message'],
    ];
    for (const [body, code] of cases) {
      expect(await w.send(sender, body)).toBe(200);
      const last = w.poster.received(sender).at(-1);
      expect(last, body).toMatchObject({ error: { code } });
    }
    expect(w.poster.received(sender)).toHaveLength(cases.length);
    expect(w.poster.received(other)).toEqual([]);
    expect({ users: await w.scan('user'), chat: await w.scan('chat'), game: await w.scan('game') }).toEqual(
      before,
    );
  });

  it('keeps two messages sent in the same millisecond', async () => {
    const w = await world(['사람']);
    const fixed = new Date('2019-06-26T10:00:00.000Z');
    w.deps.now = () => fixed;
    const [a, b] = await Promise.all([w.connect(), w.connect()]);
    await Promise.all([
      w.send(a, JSON.stringify({ username: 'a', content: 'one' })),
      w.send(b, JSON.stringify({ username: 'b', content: 'two' })),
    ]);
    const chat = await w.scan('chat');
    expect(chat.map((item) => item.content).sort()).toEqual(['one', 'two']);
    expect(new Set(chat.map((item) => item.timestamp))).toEqual(new Set([fixed.toISOString()]));
  });

  it('refuses a connection whose room name is invalid', async () => {
    const w = await world(['사람']);
    await expect(w.connect({ room: 'bad room!' })).rejects.toThrow(/400/);
    expect(await w.scan('user')).toEqual([]);
  });
});
