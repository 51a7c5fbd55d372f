import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialConsonants, isHangulWord } from '../../../lambda/src/rules/consonants.ts';
import { normalizeInput } from '../../../lambda/src/rules/input.ts';

// The 19 initials in Unicode order; a syllable's initial is floor((code - 0xAC00) / 588).
const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((code) => String.fromCodePoint(code));
const word = fc.array(syllable, { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));

describe('initialConsonants', () => {
  it('agrees with the Unicode arithmetic for all 11,172 syllables', () => {
    let checked = 0;
    for (let code = 0xac00; code <= 0xd7a3; code++) {
      const expected = INITIALS[Math.floor((code - 0xac00) / 588)];
      expect(initialConsonants(String.fromCodePoint(code))).toBe(expected);
      checked++;
    }
    expect(checked).toBe(11_172);
  });

  it('keeps double consonants as their own initials', () => {
    expect(initialConsonants('까치')).toBe('ㄲㅊ');
    expect(initialConsonants('땅콩')).toBe('ㄸㅋ');
    expect(initialConsonants('빵집')).toBe('ㅃㅈ');
    expect(initialConsonants('썰매')).toBe('ㅆㅁ');
    expect(initialConsonants('짜장')).toBe('ㅉㅈ');
    expect(initialConsonants('사람')).toBe('ㅅㄹ');
  });

  it('gives one initial per syllable, the same for NFC and NFD input', () => {
    fc.assert(
      fc.property(word, (w) => {
        const initials = initialConsonants(w);
        expect([...initials]).toHaveLength([...w].length);
        expect(initialConsonants(w.normalize('NFD'))).toBe(initials);
      }),
    );
  });
});

describe('isHangulWord', () => {
  it('accepts only precomposed syllables', () => {
    fc.assert(fc.property(word, (w) => isHangulWord(w)));
    expect(isHangulWord('')).toBe(false);
    expect(isHangulWord('사람 ')).toBe(false);
    expect(isHangulWord('ㅅㄹ')).toBe(false);
    expect(isHangulWord('사람1')).toBe(false);
    expect(isHangulWord('abc')).toBe(false);
  });
});

describe('normalizeInput', () => {
  it('composes decomposed jamo and trims', () => {
    expect(normalizeInput('  사람\n'.normalize('NFD'))).toBe('사람');
  });

  it('is idempotent and always NFC without surrounding space', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = normalizeInput(text);
        expect(normalizeInput(once)).toBe(once);
        expect(once).toBe(once.normalize('NFC'));
        expect(once).toBe(once.trim());
      }),
    );
  });
});
