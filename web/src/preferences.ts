/** What the page remembers between visits. Storage can be missing or refuse writes
 * (private windows, file quotas): the page then simply forgets. */
import type { Lang } from './strings.ts';

const NICKNAME_KEY = 'chosung-quiz.nickname';
const LANG_KEY = 'chosung-quiz.lang';

function read(key: string): string | undefined {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Forgetting is the documented fallback.
  }
}

export const rememberedNickname = (): string => read(NICKNAME_KEY) ?? '';
export const rememberNickname = (nickname: string): void => write(NICKNAME_KEY, nickname);

export function rememberedLang(): Lang {
  return read(LANG_KEY) === 'en' ? 'en' : 'ko';
}
export const rememberLang = (lang: Lang): void => write(LANG_KEY, lang);
