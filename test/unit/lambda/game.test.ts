import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialConsonants } from '../../../lambda/src/rules/consonants.ts';
import {
  DEFAULT_ROOM,
  type GameState,
  gameIdForRoom,
  initialGameState,
  isAnswer,
  nextGameState,
  nextQuestionFor,
  nextQuestionIndex,
} from '../../../lambda/src/rules/game.ts';
import { questionIndexAt } from '../../../lambda/src/rules/shuffle.ts';

const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((code) => String.fromCodePoint(code));
const word = fc.array(syllable, { minLength: 2, maxLength: 4 }).map((chars) => chars.join(''));
const anyWord = () => true;

function state(nowConsonant: string, answered: string[] = []): GameState {
  return {
    room: 'r',
    id: 7,
    nowWordIdx: 0,
    position: 0,
    nowConsonant,
    answered: new Set(answered),
    round: 0,
    history: [],
  };
}

describe('isAnswer', () => {
  it('accepts every dictionary word that fits the pattern and is not answered yet', () => {
    fc.assert(
      fc.property(word, fc.array(word), (w, others) => {
        const answered = others.filter((other) => other !== w);
        const verdict = isAnswer(state(initialConsonants(w), answered), w, anyWord);
        expect(verdict).toEqual({ correct: true, word: w });
      }),
    );
  });

  it('rejects a word already in the answered set', () => {
    fc.assert(
      fc.property(word, (w) => {
        expect(isAnswer(state(initialConsonants(w), [w]), w, anyWord)).toMatchObject({
          correct: false,
          reason: 'already-answered',
        });
      }),
    );
  });

  it('matches exactly: an earlier answer that contains the word, or is contained in it, does not block it', () => {
    // The workshop's `answeredWords.includes(content)` rejected 서랍 once 서랍장 had been answered.
    expect(isAnswer(state('ㅅㄹ', ['서랍장', '사람들']), '서랍', anyWord).correct).toBe(true);
    expect(isAnswer(state('ㅅㄹㄷ', ['사람']), '사람들', anyWord).correct).toBe(true);
    fc.assert(
      fc.property(word, word, (w, extra) => {
        fc.pre(extra !== '');
        const verdict = isAnswer(state(initialConsonants(w), [`${w}${extra}`, `${extra}${w}`]), w, anyWord);
        expect(verdict.correct).toBe(true);
      }),
    );
  });

  it('rejects the wrong pattern, non-Hangul text, and words the dictionary lacks', () => {
    expect(isAnswer(state('ㅅㄹ'), '사과', anyWord)).toMatchObject({
      correct: false,
      reason: 'wrong-pattern',
    });
    expect(isAnswer(state('ㅅㄹ'), 'ㅅㄹ', anyWord)).toMatchObject({ correct: false, reason: 'not-hangul' });
    expect(isAnswer(state('ㅅㄹ'), '사 람', anyWord)).toMatchObject({ correct: false, reason: 'not-hangul' });
    expect(isAnswer(state('ㅅㄹ'), '살롱', (w) => w === '사람')).toMatchObject({
      correct: false,
      reason: 'not-a-word',
    });
  });

  it('normalises input before matching (NFD, surrounding spaces)', () => {
    expect(isAnswer(state('ㅅㄹ'), ` ${'사람'.normalize('NFD')} `, (w) => w === '사람')).toEqual({
      correct: true,
      word: '사람',
    });
  });

  it('asks the dictionary only about words that fit the pattern', () => {
    fc.assert(
      fc.property(word, word, (target, input) => {
        fc.pre(initialConsonants(target) !== initialConsonants(input));
        const asked: string[] = [];
        isAnswer(state(initialConsonants(target)), input, (w) => {
          asked.push(w);
          return true;
        });
        expect(asked).toEqual([]);
      }),
    );
  });
});

describe('nextGameState', () => {
  const question = (index: number) => ({ index, word: '사람', consonant: 'ㅅㄹ' });

  it("advances one position of the room's sequence and one round, adding the word to the answered set and the history", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 500 }), fc.nat(), word, (count, at, w) => {
        const position = at % (count - 1); // never the last: no wrap here
        const from = {
          ...state('ㄱㄱ', ['가각']),
          nowWordIdx: questionIndexAt('r', position, count),
          position,
          round: at,
        };
        const nextIndex = questionIndexAt('r', position + 1, count);
        const to = nextGameState(from, { username: 'u', word: w }, question(nextIndex), count);
        expect(to.nowWordIdx).toBe(nextIndex);
        expect(to.position).toBe(position + 1);
        expect(to.round).toBe(at + 1);
        expect([...to.answered].sort()).toEqual([...new Set(['가각', w])].sort());
        expect(to.lastAnswer).toEqual({ username: 'u', word: w });
        expect(to.history).toEqual([{ username: 'u', word: w, consonant: 'ㄱㄱ' }]);
        expect([...from.answered]).toEqual(['가각']); // the input state is not mutated
      }),
    );
  });

  it('starts a new cycle with an empty answered set when the sequence wraps; the history goes on', () => {
    const from = {
      ...state('ㄱㄱ', ['가각', '고기']),
      nowWordIdx: questionIndexAt('r', 2, 3),
      position: 2,
      history: [{ username: 'a', word: '가각', consonant: 'ㄱㄱ' }],
    };
    const to = nextGameState(from, { username: 'u', word: '가게' }, question(questionIndexAt('r', 0, 3)), 3);
    expect(to.position).toBe(0);
    expect(to.answered.size).toBe(0);
    expect(to.history.map((entry) => entry.word)).toEqual(['가각', '가게']);
  });

  it("refuses a next question that is not the one after the current in the room's sequence", () => {
    const expected = nextQuestionFor(state('ㄱㄱ'), 10).index;
    const wrong = (expected + 1) % 10;
    expect(() => nextGameState(state('ㄱㄱ'), { username: 'u', word: '가게' }, question(wrong), 10)).toThrow(
      new RegExp(`#${expected}`),
    );
  });

  it('derives the position of a game saved before positions existed from its question', () => {
    const { position: _position, ...old } = { ...state('ㄱㄱ'), nowWordIdx: questionIndexAt('r', 4, 10) };
    expect(nextQuestionFor(old, 10)).toEqual({ position: 5, index: questionIndexAt('r', 5, 10) });
  });

  it('wraps indices within the list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat(), (count, at) => {
        const next = nextQuestionIndex(at % count, count);
        expect(next).toBeGreaterThanOrEqual(0);
        expect(next).toBeLessThan(count);
      }),
    );
    expect(() => nextQuestionIndex(0, 0)).toThrow(RangeError);
  });
});

describe('rooms', () => {
  it('keeps id 1 for the default room and gives other rooms stable positive ids other than 1', () => {
    expect(gameIdForRoom(DEFAULT_ROOM)).toBe(1);
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (room) => {
        fc.pre(room !== DEFAULT_ROOM);
        const id = gameIdForRoom(room);
        expect(Number.isInteger(id)).toBe(true);
        expect(id).toBeGreaterThan(1);
        expect(id).toBeLessThanOrEqual(0x7fffffff);
        expect(gameIdForRoom(room)).toBe(id);
      }),
    );
  });

  it('starts a room at the given question with nothing answered', () => {
    expect(initialGameState('quiz', { index: 0, word: '강아지', consonant: 'ㄱㅇㅈ' })).toMatchObject({
      room: 'quiz',
      nowWordIdx: 0,
      nowConsonant: 'ㄱㅇㅈ',
      round: 0,
    });
  });
});
