import { describe, expect, test } from 'vitest';
import { chatMessage, classifyFrame, joinMessage, roomsMessage } from './protocol.ts';

const frame = (value: unknown) => classifyFrame(JSON.stringify(value));

describe('classifyFrame', () => {
  test('chat: string username and content, like the 2019 client', () => {
    expect(frame({ username: 'a', content: 'hi' })).toEqual({
      kind: 'chat',
      chat: { username: 'a', content: 'hi' },
    });
    expect(
      frame({ type: 'chat', username: 'a', content: 'hi', room: 'r', timestamp: '2019-06-26T00:00:00Z' }),
    ).toEqual({
      kind: 'chat',
      chat: { username: 'a', content: 'hi', room: 'r', timestamp: '2019-06-26T00:00:00Z' },
    });
    expect(frame({ username: 1, content: 'hi' }).kind).toBe('unknown');
  });

  test('game: integer id and nowWordIdx, string answeredWords and nowConsonant; bad extras are dropped, not fatal', () => {
    const result = frame({
      type: 'game',
      id: 1,
      nowWordIdx: 2,
      answeredWords: '사람, 서랍',
      nowConsonant: 'ㄱㅇㅈ',
      round: 1,
      lastAnswer: { username: 'a', word: '서랍' },
      scores: [{ username: 'a', answerCnt: 2 }, { username: 'b', answerCnt: '3' }, { nope: true }],
    });
    expect(result).toEqual({
      kind: 'game',
      game: {
        id: 1,
        nowWordIdx: 2,
        answeredWords: '사람, 서랍',
        nowConsonant: 'ㄱㅇㅈ',
        lastAnswer: { username: 'a', word: '서랍' },
        scores: [
          { username: 'a', answerCnt: 2 },
          { username: 'b', answerCnt: 3 },
        ],
      },
    });
    expect(
      frame({ id: 1, nowWordIdx: 0, answeredWords: '', nowConsonant: 'ㅅㄹ', lastAnswer: 'x' }),
    ).toMatchObject({
      kind: 'game',
      game: { lastAnswer: undefined },
    });
    expect(frame({ id: '1', nowWordIdx: 0, answeredWords: '', nowConsonant: 'ㅅㄹ' }).kind).toBe('unknown');
    // The 2019 client drops a game frame without an integer nowWordIdx, and so does the page.
    expect(frame({ id: 1, answeredWords: '', nowConsonant: 'ㅅㄹ' }).kind).toBe('unknown');
  });

  test('joined: the reply with game, recent chat and scores; malformed parts are skipped', () => {
    const result = frame({
      type: 'joined',
      room: 'general',
      username: 'a',
      game: { id: 1, nowWordIdx: 0, answeredWords: '', nowConsonant: 'ㅅㄹ' },
      recentChat: [{ username: 'b', content: 'yo' }, { username: 'c' }],
      scores: [{ username: 'b', answerCnt: 1 }],
    });
    expect(result).toMatchObject({
      kind: 'joined',
      joined: {
        room: 'general',
        game: { nowConsonant: 'ㅅㄹ' },
        recentChat: [{ username: 'b', content: 'yo' }],
        scores: [{ username: 'b', answerCnt: 1 }],
      },
    });
    expect(frame({ type: 'joined', room: 'x' })).toMatchObject({
      kind: 'joined',
      joined: { room: 'x', recentChat: [], scores: [] },
    });
  });

  test('errors: the app error object and API Gateway failure frame', () => {
    expect(frame({ error: { code: 'not-joined', message: 'join first' } })).toEqual({
      kind: 'error',
      code: 'not-joined',
      message: 'join first',
    });
    expect(frame({ message: 'Internal server error', connectionId: 'c', requestId: 'r' })).toEqual({
      kind: 'error',
      code: 'InternalServerError',
      message: 'Internal server error',
    });
  });

  test('scores frame', () => {
    expect(frame({ type: 'scores', scores: [{ username: 'a', answerCnt: 1 }] })).toEqual({
      kind: 'scores',
      scores: [{ username: 'a', answerCnt: 1 }],
    });
  });

  test.each(['', 'start!', 'null', '42', '"text"', '[]', '{}', '{"type":"joined"}', '{"foo":1}'])(
    'unknown, never a throw: %s',
    (text) => {
      expect(classifyFrame(text)).toEqual({ kind: 'unknown' });
    },
  );
});

test('outgoing messages use the agreed shapes', () => {
  expect(JSON.parse(joinMessage('나', 'general'))).toEqual({
    action: 'join',
    username: '나',
    room: 'general',
  });
  expect(JSON.parse(chatMessage('나', '사람', 'general'))).toEqual({
    action: 'chat',
    username: '나',
    content: '사람',
    room: 'general',
  });
});

test('a join carries the browser token when there is one; rooms are asked for by action', () => {
  expect(JSON.parse(joinMessage('나', 'general', 'a1b2c3d4e5f6a7b8'))).toEqual({
    action: 'join',
    username: '나',
    room: 'general',
    token: 'a1b2c3d4e5f6a7b8',
  });
  expect(JSON.parse(roomsMessage())).toEqual({ action: 'rooms' });
});

test('rooms frames and the join reply history are read row by row; bad rows are dropped', () => {
  expect(
    frame({ type: 'rooms', rooms: [{ room: 'a', players: 2 }, { room: 3 }, { room: 'b', players: '1' }] }),
  ).toEqual({
    kind: 'rooms',
    rooms: [
      { room: 'a', players: 2 },
      { room: 'b', players: 1 },
    ],
  });
  const joined = frame({
    type: 'joined',
    room: 'r',
    recentChat: [],
    scores: [],
    answers: [{ username: 'a', word: '사람', consonant: 'ㅅㄹ' }, { word: 1 }],
  });
  expect(joined.kind === 'joined' && joined.joined.answers).toEqual([
    { username: 'a', word: '사람', consonant: 'ㅅㄹ' },
  ]);
});
