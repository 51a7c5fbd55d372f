import { describe, expect, it } from 'vitest';
import { describeError } from './checklist.ts';
import { BilingualError, detectLang, pick, tr } from './i18n.ts';

describe('language', () => {
  it.each([
    [{ LC_ALL: 'ko_KR.UTF-8', LANG: 'en_US.UTF-8' }, 'ko'],
    [{ LC_ALL: 'C', LANG: 'ko_KR.UTF-8' }, 'en'],
    [{ LC_MESSAGES: 'ko_KR.UTF-8', LANG: 'en_US' }, 'ko'],
    [{ LC_ALL: '', LC_MESSAGES: '', LANG: 'ko_KR.UTF-8' }, 'ko'],
    [{ LANG: 'en_GB.UTF-8' }, 'en'],
    [{}, 'en'],
  ] as const)('%o → %s', (env, lang) => {
    expect(detectLang(env)).toBe(lang);
  });

  it('picks a side of a pair and leaves plain strings alone', () => {
    expect(pick(tr('yes', '네'), 'ko')).toBe('네');
    expect(pick('User', 'ko')).toBe('User');
  });

  it('keeps both languages of a thrown BilingualError for the ✗ line', () => {
    const refused = new BilingualError(tr('refused with HTTP 502', 'HTTP 502로 거부됨'));
    expect(pick(describeError(refused), 'ko')).toBe('HTTP 502로 거부됨');
    expect(pick(describeError(refused), 'en')).toBe('refused with HTTP 502');
    expect(describeError(new TypeError('x is not a function'))).toBe('TypeError: x is not a function');
  });
});
