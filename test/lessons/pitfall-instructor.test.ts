/**
 * Instructor mode: `--step` pauses before the fix, `--keep` leaves each variant's stack up with
 * its URLs, and the files of the demo with a diff of broken against fixed are printed, in the
 * chosen language, as is every step the demo narrates.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { runPitfall } from '../../lessons/pitfalls/run-pitfall.ts';
import { connectClient } from '../../lessons/shared/ws-client.ts';

const HANGUL = /[가-힣]/;

describe('pitfall instructor mode', () => {
  it('pauses before the fix, keeps both stacks up, prints files and the diff, in Korean', {
    timeout: 180_000,
  }, async () => {
    const lines: string[] = [];
    const paused: string[] = [];
    const engine = process.env.TEST_ENGINE as EngineKind | undefined;
    const run = await runPitfall('missing-await', {
      print: (text) => lines.push(text),
      lang: 'ko',
      keep: true,
      pause: async (next) => {
        paused.push(next);
      },
      ...(engine ? { engine } : {}),
    });
    try {
      const output = lines.join('\n');
      expect(run.passed).toBe(true);
      expect(paused).toEqual(['fixed']);
      expect(output).toContain('⏸ 다음: "fixed" 실행. 계속하려면 Enter.');
      expect(output).toContain('이 데모의 파일:');
      expect(output).toMatch(/lessons\/pitfalls\/missing-await\/broken\.ts/);
      expect(output).toMatch(/해결이 바꾸는 것 \(.*broken\.ts → .*fixed\.ts\):/);
      expect(output).toMatch(/^ {2}\+.*await/m);
      expect(output).toContain('스택이 계속 떠 있습니다 (--keep):');
      // Every step the demo narrates, and what it observed, is in Korean too (issue 17).
      const steps = lines.filter((line) => line.startsWith('   … '));
      expect(steps.length).toBeGreaterThanOrEqual(8);
      expect(steps.filter((line) => !HANGUL.test(line))).toEqual([]);
      // Each run's lines sit under its own heading: the broken run's before "2) 해결", the fix's after.
      const fixHeading = lines.findIndex((line) => line.startsWith('2) 해결: '));
      const tagged = (label: string) =>
        lines.flatMap((line, i) => (line.startsWith(`   … [${label}] `) ? [i] : []));
      expect(tagged('broken').length).toBeGreaterThan(2);
      expect(tagged('fixed').length).toBeGreaterThan(2);
      expect(Math.max(...tagged('broken'))).toBeLessThan(fixHeading);
      expect(Math.min(...tagged('fixed'))).toBeGreaterThan(fixHeading);
      expect(lines.indexOf('1) 잘못된 버전…')).toBeLessThan(Math.min(...tagged('broken')));
      expect(lines.findIndex((line) => line.includes('⏸ 다음: "fixed"'))).toBeGreaterThan(fixHeading);
      const verdicts = lines.filter((line) => /^ {3}[✓✗] /.test(line));
      expect(verdicts).toHaveLength(2);
      for (const verdict of verdicts) expect(verdict.slice(verdict.indexOf(': ') + 2)).toMatch(HANGUL);
      expect(run.kept.map((k) => k.label)).toEqual(['broken', 'fixed']);
      for (const kept of run.kept) {
        expect(existsSync(kept.logsDir)).toBe(true);
        const client = await connectClient(kept.urls.ws ?? '', 'instructor', 30_000);
        await client.close();
      }
    } finally {
      await Promise.all(run.kept.map((kept) => kept.stop()));
    }
    for (const kept of run.kept) expect(existsSync(kept.logsDir)).toBe(false);
  });
});
