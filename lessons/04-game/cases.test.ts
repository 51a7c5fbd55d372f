import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Checklist } from '../runner/checklist.ts';
import { pick } from '../runner/i18n.ts';
import { answerCases, checkRules, type GameRules } from './cases.ts';
import * as solution from './solution/handler.ts';

const failed = (rules: GameRules) => {
  const list = new Checklist();
  checkRules(list, rules);
  return list.failures.map((item) => pick(item.label, 'en'));
};

// Loaded by path: the exercise keeps the unused imports a learner starts from, which the strict
// project settings would reject if the type checker followed a static import into it.
const exercise = (await import(join(import.meta.dirname, 'exercise', 'handler.ts'))) as GameRules;

describe('lesson 4 rules on a table of cases', () => {
  it('the reference passes every case', () => {
    expect(failed(solution)).toEqual([]);
  });

  it('the untouched exercise fails every case that needs code', () => {
    expect(failed(exercise)).toEqual([
      'isAnswer: the current word "사과" counts',
      'isAnswer: "바나나" counts although an answered word ("바나나나무") contains it',
      'isAnswer: "사과" typed as decomposed jamo (NFD, as some keyboards send it) counts',
      'nextGame: after "사과" comes word 1 with 초성 ㅂㄴㄴ, and "사과" is answered',
      'nextGame: answered words add up ("A, B")',
      'nextGame: after the last word it wraps around to word 0 and answeredWords starts over',
    ]);
  });

  it('catches the bugs one emulator round cannot see', () => {
    // The workshop's substring test, no NFC, and an index that runs off the end of the list.
    const substring: GameRules = {
      ...solution,
      isAnswer: (game, content) =>
        content === solution.WORDS[game.nowWordIdx] && !game.answeredWords.includes(content),
    };
    expect(failed(substring)).toEqual([
      'isAnswer: "바나나" counts although an answered word ("바나나나무") contains it',
      'isAnswer: "사과" typed as decomposed jamo (NFD, as some keyboards send it) counts',
    ]);
    const noWrap: GameRules = {
      ...solution,
      nextGame: (game, answer) => {
        const nowWordIdx = game.nowWordIdx + 1;
        return {
          id: 1,
          nowWordIdx,
          answeredWords: [game.answeredWords, answer].filter(Boolean).join(', '),
          nowConsonant: solution.initialConsonants(solution.WORDS[nowWordIdx] ?? ''),
        };
      },
    };
    expect(failed(noWrap)).toEqual([
      'nextGame: after the last word it wraps around to word 0 and answeredWords starts over',
    ]);
    const throwing: GameRules = {
      ...solution,
      isAnswer: () => {
        throw new TypeError('boom');
      },
    };
    expect(failed(throwing)).toHaveLength(answerCases(solution).length);
  });
});
