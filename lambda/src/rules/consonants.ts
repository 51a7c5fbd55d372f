/**
 * Initial consonants (초성) of Korean text. es-hangul does the decomposition; the unit tests pin it
 * to the Unicode arithmetic (initial = floor((code - 0xAC00) / 588)) for all 11,172 syllables, so a
 * library upgrade cannot silently change which answers are accepted.
 */
import { getChoseong } from 'es-hangul';

const FIRST_SYLLABLE = 0xac00;
const LAST_SYLLABLE = 0xd7a3;

/** True when every character is a precomposed Hangul syllable (가–힣), and there is at least one. */
export function isHangulWord(text: string): boolean {
  if (text.length === 0) return false;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < FIRST_SYLLABLE || code > LAST_SYLLABLE) return false;
  }
  return true;
}

/**
 * The initial consonant of each syllable, e.g. 사람 → ㅅㄹ, 까치 → ㄲㅊ (double consonants are their
 * own initials). Characters that are not syllables are dropped, so compare only words that passed
 * `isHangulWord`.
 */
export function initialConsonants(word: string): string {
  return getChoseong(word.normalize('NFC')).replace(/\s+/g, '');
}
