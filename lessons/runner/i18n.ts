/**
 * Every line a learner reads exists in Korean and English. Lines are written as `{ en, ko }`
 * pairs where they are made and picked at print time, so a check never needs to know the
 * language and a test can read either.
 */

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
