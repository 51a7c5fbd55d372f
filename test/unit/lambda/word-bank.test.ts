import { describe, expect, it } from 'vitest';
import { initialConsonants, isHangulWord } from '../../../lambda/src/rules/consonants.ts';
import { bankVersion, buildWordBank } from '../../../lambda/src/words/bank.ts';
import { loadDictionaryNouns } from '../../../lambda/src/words/dictionary.ts';
import { QUESTIONS } from '../../../lambda/src/words/questions.ts';

const nouns = loadDictionaryNouns();

describe('dictionary nouns', () => {
  it('include common nouns, decoded to NFC', () => {
    for (const word of ['사람', '사랑', '서랍', '서리', '강아지', '고양이', '초심'])
      expect(nouns.has(word)).toBe(true);
    for (const word of nouns) {
      expect(word).toBe(word.normalize('NFC'));
      expect(isHangulWord(word)).toBe(true);
    }
    expect(nouns.size).toBeGreaterThan(20_000);
  });

  it('leave out verbs, adjectives, adverbs, bound nouns and one-syllable words', () => {
    for (const word of ['가다', '먹다', '예쁘다', '아름답다', '빨리', '매우', '개월', '번째', '나', '책']) {
      expect(nouns.has(word)).toBe(false);
    }
  });
});

describe('curated questions', () => {
  it('are at least 300 distinct everyday nouns of two or three syllables', () => {
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(QUESTIONS).size).toBe(QUESTIONS.length);
    for (const word of QUESTIONS) {
      expect(isHangulWord(word)).toBe(true);
      expect([2, 3]).toContain(word.length);
      expect(nouns.has(word)).toBe(true);
    }
  });
});

describe('word bank', () => {
  const bank = buildWordBank(QUESTIONS, nouns);

  it('accepts every dictionary noun of the pattern: ㅅㄹ takes 사람, 사랑, 서랍, 서리', () => {
    const answers = bank.answers.get('ㅅㄹ');
    for (const word of ['사람', '사랑', '서랍', '서리']) expect(answers?.has(word)).toBe(true);
    const expected = [...nouns].filter((noun) => initialConsonants(noun) === 'ㅅㄹ').sort();
    expect([...(answers ?? [])].sort()).toEqual(expected);
  });

  it('gives every question its own word and at least three answers', () => {
    for (const question of bank.questions) {
      expect(question.consonant).toBe(initialConsonants(question.word));
      const answers = bank.answers.get(question.consonant);
      expect(answers?.has(question.word)).toBe(true);
      expect(answers?.size ?? 0).toBeGreaterThanOrEqual(3);
    }
  });

  it('accepts a curated question even when the dictionary lacks it', () => {
    const small = buildWordBank(['꿀벌레'], ['꽃병']);
    expect(small.answers.get('ㄲㅂㄹ')).toEqual(new Set(['꿀벌레']));
    expect(small.answers.has('ㄲㅂ')).toBe(false);
    expect(buildWordBank(['꿀벌레'], ['꽃병'], { allPatterns: true }).answers.get('ㄲㅂ')).toEqual(
      new Set(['꽃병']),
    );
  });

  it('rejects a question that is not a Hangul word', () => {
    expect(() => buildWordBank(['사람', 'ㅅㄹ'], [])).toThrow(/#1/);
  });

  it('has a version that changes with its content', () => {
    expect(bankVersion(bank)).toBe(bankVersion(buildWordBank(QUESTIONS, nouns)));
    expect(bankVersion(buildWordBank(['사람'], ['사랑']))).not.toBe(
      bankVersion(buildWordBank(['사람'], ['서랍'])),
    );
  });
});
