import { describe, expect, test } from 'vitest';
import type { Frame, Game } from './protocol.ts';
import { applyFrame, emptyRoom, type RoomState } from './room-state.ts';

const game = (extra: Partial<Game> = {}): Frame => ({
  kind: 'game',
  game: { id: 1, nowWordIdx: 0, answeredWords: '', nowConsonant: 'ㅅㄹ', ...extra },
});

function run(frames: Frame[], start: RoomState = emptyRoom()): RoomState {
  return frames.reduce((state, frame) => applyFrame(state, frame).state, start);
}

describe('applyFrame', () => {
  test('join reply sets room, consonant, scores and replaces the chat', () => {
    const update = applyFrame(emptyRoom(), {
      kind: 'joined',
      joined: {
        type: 'joined',
        room: 'general',
        game: { id: 1, nowWordIdx: 0, answeredWords: '', nowConsonant: 'ㅅㄹ' },
        recentChat: [{ username: 'a', content: 'hi' }],
        scores: [
          { username: 'a', answerCnt: 1 },
          { username: 'b', answerCnt: 3 },
        ],
      },
    });
    expect(update.replaceChat).toBe(true);
    expect(update.chat).toEqual([{ username: 'a', content: 'hi' }]);
    expect(update.state).toMatchObject({ room: 'general', consonant: 'ㅅㄹ' });
    expect(update.state.scores.map((row) => row.username)).toEqual(['b', 'a']);
  });

  test('an answer without a table moves the winner up once, however often the frame repeats', () => {
    const answered = game({
      nowWordIdx: 1,
      nowConsonant: 'ㄱㅇㅈ',
      lastAnswer: { username: 'a', word: '사람' },
    });
    const state = run([game(), answered, answered]);
    expect(state.consonant).toBe('ㄱㅇㅈ');
    expect(state.scores).toEqual([{ username: 'a', answerCnt: 1 }]);
    expect(state.answers).toEqual([{ username: 'a', word: '사람', consonant: 'ㅅㄹ' }]);
  });

  test('a table on the frame wins over counting', () => {
    const state = run([
      game(),
      game({
        nowWordIdx: 1,
        nowConsonant: 'ㄱㅇㅈ',
        lastAnswer: { username: 'a', word: '사람' },
        scores: [{ username: 'a', answerCnt: 7 }],
      }),
    ]);
    expect(state.scores).toEqual([{ username: 'a', answerCnt: 7 }]);
  });

  test('frames for another room are ignored once the room is known', () => {
    const joined = run([
      { kind: 'joined', joined: { type: 'joined', room: 'a', game: undefined, recentChat: [], scores: [] } },
    ]);
    expect(
      applyFrame(joined, { kind: 'chat', chat: { username: 'x', content: 'y', room: 'b' } }).chat,
    ).toEqual([]);
    expect(applyFrame(joined, game({ room: 'b', nowConsonant: 'ㄱ' })).state.consonant).toBeUndefined();
    expect(applyFrame(joined, { kind: 'chat', chat: { username: 'x', content: 'y' } }).chat).toHaveLength(1);
  });

  test('errors are passed on, unknown frames change nothing', () => {
    const state = emptyRoom();
    expect(applyFrame(state, { kind: 'error', code: 'c', message: 'm' }).error).toEqual({
      code: 'c',
      message: 'm',
    });
    expect(applyFrame(state, { kind: 'unknown' }).state).toBe(state);
  });
});
