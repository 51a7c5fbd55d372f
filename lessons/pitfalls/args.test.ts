import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePitfallArgs } from './args.ts';
import { brokenFixedPair, demoFiles, shortDiff } from './files.ts';

describe('pitfall arguments', () => {
  it('reads the id and the instructor flags', () => {
    expect(parsePitfallArgs(['missing-await', '--step', '--keep', '--lang', 'ko'], {})).toEqual({
      ok: true,
      args: { id: 'missing-await', step: true, keep: true, lang: 'ko' },
    });
    expect(parsePitfallArgs(['--keep', 'wrong-case'], { LANG: 'ko_KR.UTF-8' })).toMatchObject({
      args: { id: 'wrong-case', keep: true, step: false, lang: 'ko' },
    });
  });

  it('says what is wrong', () => {
    expect(parsePitfallArgs([], {})).toMatchObject({
      ok: false,
      error: { en: 'which one? give a pitfall id' },
    });
    expect(parsePitfallArgs(['a', '--stpe'], {})).toEqual({
      ok: false,
      error: { en: 'unknown option --stpe', ko: '모르는 옵션 --stpe' },
    });
    expect(parsePitfallArgs(['a', 'b'], {})).toMatchObject({
      ok: false,
      error: { en: 'one id at a time, not a and b' },
    });
    expect(parsePitfallArgs(['a', '--lang', 'jp'], {})).toMatchObject({
      ok: false,
      error: { en: '--lang takes ko or en, not jp' },
    });
    for (const argv of [[], ['a', '--stpe'], ['a', 'b'], ['a', '--lang', 'jp']]) {
      const parsed = parsePitfallArgs(argv, {});
      expect(!parsed.ok && parsed.error.ko).toMatch(/[가-힣]/);
    }
  });
});

describe('demo files', () => {
  it('lists the files and a short diff of broken against fixed', () => {
    const dir = join(import.meta.dirname, 'missing-await');
    expect(demoFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual(['broken.ts', 'fixed.ts']);
    const pair = brokenFixedPair(dir);
    expect(pair).toBeDefined();
    const diff = shortDiff(...(pair as [string, string]));
    expect(diff[0]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);
    expect(diff.some((line) => line.startsWith('-'))).toBe(true);
    expect(diff.some((line) => line.startsWith('+') && line.includes('await'))).toBe(true);
    expect(
      brokenFixedPair(join(import.meta.dirname, 'no-manage-connections'))?.map((f) => f.split('/').pop()),
    ).toEqual(['handler-original.ts', 'handler-logged.ts']);
  });
});
