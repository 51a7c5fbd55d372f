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

const TOKEN_KEY = 'chosung-quiz.token';
let tokenInMemory: string | undefined;

/** 32 hex digits from getRandomValues: randomUUID exists only in secure contexts, and a phone
 * opening http://<laptop address>:3000 is not one. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * This browser's secret, which lets the server give a returning player its nickname and score
 * back. Kept in localStorage; where storage is refused it lasts as long as the page.
 */
export function playerToken(): string {
  const stored = read(TOKEN_KEY);
  if (stored && /^[A-Za-z0-9_-]{16,128}$/.test(stored)) return stored;
  tokenInMemory ??= newToken();
  write(TOKEN_KEY, tokenInMemory);
  return tokenInMemory;
}
