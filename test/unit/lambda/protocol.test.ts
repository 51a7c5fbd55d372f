import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CONTENT_LENGTH, parseIncoming } from '../../../lambda/src/protocol/incoming.ts';
import { errorFrame, gameFrame } from '../../../lambda/src/protocol/outgoing.ts';
import { read2019 } from '../../../lambda/src/protocol/reading.ts';
import type { GameState } from '../../../lambda/src/rules/game.ts';

describe('parseIncoming', () => {
  it('recognises the 2019 client: raw start!, then {username, content}', () => {
    expect(parseIncoming('start!')).toEqual({ kind: 'start' });
    expect(parseIncoming('start!\n')).toEqual({ kind: 'start' });
    expect(parseIncoming('{"username":"예본","content":"강아지"}')).toEqual({
      kind: 'chat',
      message: { username: '예본', content: '강아지' },
    });
  });

  it('recognises join and chat actions', () => {
    expect(parseIncoming('{"action":"join","username":"a","room":"quiz-1"}')).toEqual({
      kind: 'join',
      message: { action: 'join', username: 'a', room: 'quiz-1' },
    });
    expect(parseIncoming('{"action":"chat","content":" 안녕 "}')).toEqual({
      kind: 'chat',
      message: { action: 'chat', content: '안녕' },
    });
  });

  it('names the expected key when the case is wrong', () => {
    const result = parseIncoming('{"username":"a","Content":"사람"}');
    expect(result).toMatchObject({ kind: 'invalid', code: 'wrong-key-case' });
    expect(result.kind === 'invalid' && result.message).toContain('"content"');
    expect(parseIncoming('{"UserName":"a","content":"x"}')).toMatchObject({ code: 'wrong-key-case' });
  });

  it('rejects bad input with a specific code', () => {
    expect(parseIncoming('{not json')).toMatchObject({ kind: 'invalid', code: 'invalid-json' });
    expect(parseIncoming(undefined)).toMatchObject({ kind: 'invalid', code: 'invalid-json' });
    expect(parseIncoming('[1,2]')).toMatchObject({ kind: 'invalid', code: 'invalid-message' });
    expect(parseIncoming('"text"')).toMatchObject({ kind: 'invalid', code: 'invalid-message' });
    expect(parseIncoming('{"username":"a"}')).toMatchObject({ kind: 'invalid', code: 'missing-content' });
    expect(parseIncoming('{"username":"a","content":"   "}')).toMatchObject({
      kind: 'invalid',
      code: 'empty-content',
    });
    expect(
      parseIncoming(JSON.stringify({ username: 'a', content: '가'.repeat(MAX_CONTENT_LENGTH + 1) })),
    ).toMatchObject({
      kind: 'invalid',
      code: 'content-too-long',
    });
    expect(parseIncoming('{"action":"dance"}')).toMatchObject({ kind: 'invalid', code: 'unknown-action' });
    expect(parseIncoming('{"action":"join"}')).toMatchObject({ kind: 'invalid', code: 'invalid-message' });
    expect(parseIncoming('{"action":"join","username":"a","room":"no spaces"}')).toMatchObject({
      kind: 'invalid',
      code: 'invalid-message',
    });
    expect(parseIncoming('{"username":42,"content":"x"}')).toMatchObject({
      kind: 'invalid',
      code: 'invalid-message',
    });
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (body) => {
        expect(['start', 'join', 'chat', 'invalid']).toContain(parseIncoming(body).kind);
      }),
    );
  });
});

describe('outgoing frames', () => {
  const state = fc.record({
    room: fc.string({ minLength: 1 }),
    id: fc.integer({ min: 1, max: 0x7fffffff }),
    nowWordIdx: fc.nat(),
    nowConsonant: fc.string({ minLength: 1 }),
    answered: fc.array(fc.string({ minLength: 1 })).map((words) => new Set(words)),
    round: fc.nat(),
    history: fc.array(fc.record({ username: fc.string(), word: fc.string(), consonant: fc.string() })),
    lastAnswer: fc.option(fc.record({ username: fc.string(), word: fc.string() }), { nil: undefined }),
  });

  it('a game frame is read as game by the 2019 client, never as chat', () => {
    fc.assert(
      fc.property(state, (s) => {
        const { lastAnswer, ...rest } = s;
        const gameState: GameState = lastAnswer ? { ...rest, lastAnswer } : rest;
        const frame = gameFrame(gameState);
        expect('username' in frame && 'content' in frame).toBe(false);
        expect(read2019(JSON.stringify(frame))).toBe('game');
      }),
    );
  });

  it('joins the answered words with commas', () => {
    const frame = gameFrame({
      room: 'general',
      id: 1,
      nowWordIdx: 3,
      nowConsonant: 'ㅅㄹ',
      answered: new Set(['사람', '강아지']),
      round: 3,
      history: [],
    });
    expect(frame.answeredWords).toBe('강아지, 사람');
  });

  it('error frames carry an error object and read as neither chat nor game', () => {
    const frame = errorFrame('invalid-json', 'expected JSON');
    expect(frame).toEqual({ error: { code: 'invalid-json', message: 'expected JSON' } });
    expect(read2019(JSON.stringify(frame))).toBe('dropped');
  });
});
