/**
 * Every line a learner reads exists in Korean and English. Lines are written as `{ en, ko }`
 * pairs where they are made and picked at print time, so a check never needs to know the
 * language and a test can read either.
 */
import { josa } from 'es-hangul';

export type Lang = 'ko' | 'en';

export interface Text {
  en: string;
  ko: string;
}

/** A line in both languages, or one that reads the same in both (a file path, a JSON value). */
export type Msg = string | Text;

export function tr(en: string, ko: string): Text {
  return { en, ko };
}

export function pick(msg: Msg, lang: Lang): string {
  return typeof msg === 'string' ? msg : msg[lang];
}

/** An error whose message exists in both languages: `describeError` hands over the pair. */
export class BilingualError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** Joins pieces that may each be bilingual into one bilingual line. */
export function join(parts: Msg[], separator = ''): Text {
  return {
    en: parts.map((p) => pick(p, 'en')).join(separator),
    ko: parts.map((p) => pick(p, 'ko')).join(separator),
  };
}

/**
 * The language the locale asks for, as gettext reads it: the first of LC_ALL, LC_MESSAGES and
 * LANG that is set decides; Korean when it starts with `ko`, English otherwise.
 */
export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function isLang(value: string): value is Lang {
  return value === 'ko' || value === 'en';
}

/** The particle pairs `withParticle` knows, as es-hangul spells them (with batchim / without). */
export type Particle = Parameters<typeof josa.pick>[1];

/**
 * `word` followed by the Korean particle its last sound calls for: `withParticle('사과', '을/를')`
 * is `사과를`, `withParticle('"User"', '이/가')` is `"User"가`. es-hangul decides for Hangul; for
 * a value ending in a Latin letter or a digit it assumes no final consonant, which reads wrong
 * for "Table" (테이블이) or "3" (삼을), so those are read first as a Korean developer says them.
 * Closing quotes and brackets are skipped: the particle follows the quoted word (`WORDS[8]은`).
 */
export function withParticle(word: string, particle: Particle): string {
  return `${word}${josa.pick(koreanReading(word.replace(/["'”’`\]]+$/, '')), particle)}`;
}

/** A syllable that ends the way `word` is read aloud: 일 (ㄹ), 삼 (another final consonant) or 사 (none). */
function koreanReading(word: string): string {
  const last = word.at(-1) ?? '';
  if (/[가-힣ㄱ-ㅎ]/.test(last)) return last;
  // 영 일 이 삼 사 오 육 칠 팔 구; 10, 100, 1000, 10000 (십 백 천 만) end on a consonant too.
  if (/[0-9]/.test(last)) return '0136'.includes(last) ? '삼' : '78'.includes(last) ? '일' : '사';
  const letters = /[A-Za-z]+$/.exec(word)?.[0];
  if (!letters) return last;
  if (/^[A-Z]+$/.test(letters) && letters.length <= 4) {
    // An acronym is spelled out: IAM (…엠), URL (…엘), ARN (…엔), API (…아이).
    return 'LR'.includes(letters.at(-1) ?? '') ? '일' : 'MN'.includes(letters.at(-1) ?? '') ? '삼' : '사';
  }
  const lower = letters.toLowerCase();
  if (/(l|le)$/.test(lower)) return '일'; // table 테이블, tool 툴
  if (/(m|n|ng|me|ne|ype)$/.test(lower)) return '삼'; // room 룸, join 조인, game 게임, type 타입
  if (/([aeiou](b|ck|k|p|t)|ck)$/.test(lower)) return '삼'; // web 웹, stack 스택, step 스텝, chat 챗
  return '사'; // user 유저, index 인덱스, script 스크립트, lambda 람다
}
