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

describe('servers that send only the Game item (lesson 4)', () => {
  const bare = (nowWordIdx: number, nowConsonant: string, answeredWords: string): Frame => ({
    kind: 'game',
    game: { id: 1, nowWordIdx, nowConsonant, answeredWords },
  });
  const said = (username: string, content: string): Frame => ({ kind: 'chat', chat: { username, content } });

  test('the first state seen fills the history from answeredWords, with nobody scored', () => {
    const state = run([bare(2, 'ㅈㄷㅊ', '사과, 바나나')]);
    expect(state.answers).toEqual([
      { username: undefined, word: '바나나', consonant: undefined },
      { username: undefined, word: '사과', consonant: undefined },
    ]);
    expect(state.scores).toEqual([]);
  });

  test('a word new in answeredWords was won by whoever said it last: history, score and mark', () => {
    const before = run([bare(0, 'ㅅㄱ', ''), said('bob', '사과'), said('alice', '사과')]);
    const update = applyFrame(before, bare(1, 'ㅂㄴㄴ', '사과'));
    expect(update.answer).toEqual({ username: 'alice', word: '사과', consonant: 'ㅅㄱ' });
    expect(update.marks).toEqual([update.answer]);
    expect(update.state.scores).toEqual([{ username: 'alice', answerCnt: 1 }]);
    // The same state broadcast again (lesson 4 sends it after every message) changes nothing.
    const again = applyFrame(update.state, bare(1, 'ㅂㄴㄴ', '사과'));
    expect(again.answer).toBeUndefined();
    expect(again.state.scores).toEqual([{ username: 'alice', answerCnt: 1 }]);
  });

  test('a join reply with the full history replaces what one state could tell', () => {
    const update = applyFrame(emptyRoom(), {
      kind: 'joined',
      joined: {
        type: 'joined',
        room: 'general',
        game: {
          id: 1,
          nowWordIdx: 2,
          answeredWords: '사람, 강아지',
          nowConsonant: 'ㄱㅇㅇ',
          lastAnswer: { username: 'b', word: '강아지' },
        },
        recentChat: [],
        scores: [],
        answers: [
          { username: 'a', word: '사람', consonant: 'ㅅㄹ' },
          { username: 'b', word: '강아지', consonant: 'ㄱㅇㅈ' },
        ],
      },
    });
    expect(update.state.answers).toEqual([
      { username: 'b', word: '강아지', consonant: 'ㄱㅇㅈ' },
      { username: 'a', word: '사람', consonant: 'ㅅㄹ' },
    ]);
    // A repeat of the last answer's state does not add it twice.
    const repeat = applyFrame(update.state, {
      kind: 'game',
      game: {
        id: 1,
        nowWordIdx: 2,
        answeredWords: '사람, 강아지',
        nowConsonant: 'ㄱㅇㅇ',
        lastAnswer: { username: 'b', word: '강아지' },
      },
    });
    expect(repeat.state.answers).toHaveLength(2);
  });
});
