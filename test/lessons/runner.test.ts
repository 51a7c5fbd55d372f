import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../lessons/catalogue.ts';
import { PITFALLS } from '../../lessons/pitfalls/catalogue.ts';
import { errorLang, parseLessonArgs } from '../../lessons/runner/args.ts';
import { Checklist, formatChecklist } from '../../lessons/runner/checklist.ts';
import { readProgress, recordRun } from '../../lessons/runner/progress.ts';
import { useTempProgress } from './support.ts';

describe('lesson arguments', () => {
  it('reads the lesson number and the flags in any order', () => {
    expect(parseLessonArgs(['3', '--solution', '--keep'], {})).toEqual({
      ok: true,
      args: { lesson: 3, solution: true, keep: true, lang: 'en' },
    });
    expect(parseLessonArgs(['--lang', 'ko', '4', '--hint'], {})).toEqual({
      ok: true,
      args: { lesson: 4, solution: false, keep: false, lang: 'ko', hint: true },
    });
    expect(parseLessonArgs(['1'], { LANG: 'ko_KR.UTF-8' })).toMatchObject({ args: { lang: 'ko' } });
    expect(parseLessonArgs(['1', '--reset', '--yes'], {})).toMatchObject({
      args: { reset: true, yes: true },
    });
    const parsed = parseLessonArgs(['--exercise-dir', 'my/work', '2']);
    expect(parsed.ok && parsed.args.exerciseDir?.endsWith('my/work')).toBe(true);
  });

  it('says what is wrong instead of guessing', () => {
    expect(parseLessonArgs([])).toMatchObject({ ok: false, error: { en: 'which lesson? give its number' } });
    expect(parseLessonArgs(['2', '--solutoin'])).toEqual({
      ok: false,
      error: { en: 'unknown option --solutoin', ko: '모르는 옵션 --solutoin' },
    });
    expect(parseLessonArgs(['2', '--solution', '--exercise-dir', 'x']).ok).toBe(false);
    expect(parseLessonArgs(['2', '--lang', 'fr'])).toMatchObject({
      ok: false,
      error: { en: '--lang takes ko or en, not fr' },
    });
    expect(parseLessonArgs(['2', '--hint', '--reset'])).toEqual({
      ok: false,
      error: { en: '--hint and --reset exclude each other', ko: '--hint와 --reset은 함께 쓸 수 없습니다' },
    });
    expect(parseLessonArgs(['2', 'x'])).toMatchObject({ ok: false, error: { en: 'unknown argument x' } });
    // Every complaint has its Korean side, in the language --lang or the locale asks for.
    for (const argv of [
      [],
      ['2', '--hnt'],
      ['2', '--lang', 'fr'],
      ['1', '2'],
      ['2', '--reset', '--solution'],
    ]) {
      const parsed = parseLessonArgs(argv);
      expect(!parsed.ok && parsed.error.ko).toMatch(/[가-힣]/);
    }
    expect(errorLang(['1', '--hnt', '--lang', 'ko'], {})).toBe('ko');
    expect(errorLang(['1', '--hnt'], { LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(errorLang(['1', '--hnt', '--lang=en'], { LANG: 'ko_KR.UTF-8' })).toBe('en');
  });
});

describe('checklist', () => {
  it('passes only when every item passes, and prints hints under the ✗ lines', () => {
    const list = new Checklist();
    expect(list.passed).toBe(false);
    list.pass('one');
    expect(list.passed).toBe(true);
    list.fail('two', 'found S', 'use N');
    expect(list.passed).toBe(false);
    expect(formatChecklist(list.items)).toBe('  ✓ one\n  ✗ two: found S\n      Hint: use N');
  });
});

describe('progress', () => {
  it('keeps a pass between runs, even when a later run fails', () => {
    const file = useTempProgress();
    recordRun(2, 3, 5, file);
    expect(readProgress(file).lessons['2']).toMatchObject({ passed: false, okCount: 3, total: 5 });
    recordRun(2, 5, 5, file);
    const passedAt = readProgress(file).lessons['2']?.passedAt;
    expect(passedAt).toBeTypeOf('string');
    recordRun(2, 4, 5, file);
    expect(readProgress(file).lessons['2']).toMatchObject({ passed: true, passedAt, okCount: 4 });
    expect(JSON.parse(readFileSync(file, 'utf8')).lessons['2'].passed).toBe(true);
  });
});

describe('catalogues', () => {
  it('lists the six lessons and the seventeen pitfall ids', () => {
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(PITFALLS.map((p) => p.id)).toEqual([
      'no-manage-connections',
      'no-logs-permission',
      'missing-await',
      'callback-and-promise',
      'wrong-case',
      'broadcast-in-connect',
      'stale-module-state',
      'answer-race',
      'substring-answered',
      'stale-connections',
      'unpaginated-scan',
      'sdk-v2-runtime',
      'python-old-boto3',
      'default-timeout',
      'key-attribute-case',
      'wrong-region',
      'undeployed-route',
    ]);
    for (const pitfall of PITFALLS) {
      for (const text of [pitfall.title, pitfall.symptom, pitfall.cause, pitfall.fix]) {
        expect(text.en.length).toBeGreaterThan(5);
        expect(text.ko).toMatch(/[가-힣]|`/);
      }
    }
  });
});
