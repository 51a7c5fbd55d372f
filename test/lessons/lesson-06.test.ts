/**
 * Lesson 6, the capstone: the reference parts of lessons 1, 3 and 4 run together, a round is
 * played in the browser (the web client in Debian's Chromium) on the kept stack, and osls
 * package builds the deployment. The untouched exercise stops at lesson 1's policy.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { initialConsonants, WORDS } from '../../lessons/04-game/solution/handler.ts';
import { runLesson } from '../../lessons/runner/run-lesson.ts';
import { chat, joinRoom, launchChromium, openPage } from '../e2e/web/browser.ts';
import { failedLabels, runCaptured, withTempProgress } from './support.ts';

describe('lesson 6: capstone', () => {
  withTempProgress();

  it('runs the references together, packages them, and the game plays in the browser', {
    timeout: 300_000,
  }, async () => {
    const lines: string[] = [];
    const engine = process.env.TEST_ENGINE as EngineKind | undefined;
    const run = await runLesson(
      { lesson: 6, solution: true, keep: true, lang: 'en' },
      { print: (text) => lines.push(text), ...(engine ? { engine } : {}) },
    );
    const kept = run.kept;
    try {
      expect(failedLabels(run)).toEqual([]);
      expect(existsSync(kept?.urls.logs ?? '')).toBe(true);
      const output = lines.join('\n');
      expect(output).toContain('✓ your lesson 1 policy passes lesson 1');
      expect(output).toContain('✓ every promise is awaited (no floating promises)');
      expect(output).toContain(
        '✓ osls package builds the deployment: one function (30 s), three routes, three tables, your policy on its role',
      );
      const web = kept?.urls.web ?? '';
      expect(web).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      const browser = await launchChromium();
      try {
        const { page, problems } = await openPage(await browser.newContext(), web);
        await joinRoom(page, '철수');
        // The check's own round left the game at its second word; the browser picks up from there.
        const shown = (await page.textContent('#consonant')) ?? '';
        const index = WORDS.findIndex((word) => initialConsonants(word) === shown);
        expect(index).toBeGreaterThanOrEqual(0);
        await chat(page, WORDS[index] ?? '');
        const next = initialConsonants(WORDS[(index + 1) % WORDS.length] ?? '');
        await expect.poll(() => page.textContent('#consonant'), { timeout: 15_000 }).toBe(next);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      await kept?.stop();
    }
    // The log folder served `npm run logs` while the stack was up; stopping removed it.
    expect(kept?.urls.logs).toMatch(/lesson-06-capstone-logs-/);
    expect(existsSync(kept?.urls.logs ?? '')).toBe(false);
  });

  it('stops at lesson 1 on the untouched exercises, with nothing started', async () => {
    const run = await runCaptured(6, false);
    expect(failedLabels(run)).toEqual([
      'your lesson 1 policy passes lesson 1',
      'the whole game runs under your role',
    ]);
    expect(run.output).toContain('Hint: run npm run lesson:1 and fix its ✗ lines first');
    expect(run.output).not.toContain('starting the emulator');
    // The closing line sends the learner to lesson 1's folder, not to lesson 6's (nothing to fix there).
    expect(run.output).toContain(
      "Not yet. The failing code is not in this lesson's folder: fix the ✗ lines of npm run lesson:1 (lessons/01-iam/exercise) first, then run this again. Stuck? npm run lesson:1 -- --hint",
    );
    expect(run.output).not.toContain('Fix the ✗ lines in');
  });

  it('says the same in Korean, and in --watch mode that saving checks again', async () => {
    const lines: string[] = [];
    const engine = process.env.TEST_ENGINE as EngineKind | undefined;
    await runLesson(
      { lesson: 6, solution: false, keep: false, lang: 'ko', watch: true },
      { print: (text) => lines.push(text), ...(engine ? { engine } : {}) },
    );
    expect(lines.at(-1)).toBe(
      '아직입니다. 실패한 코드는 이 강의 폴더에 없습니다: 먼저 npm run lesson:1 (lessons/01-iam/exercise)의 ✗ 줄을 고치고 저장하면 다시 검사합니다. 막히면: npm run lesson:1 -- --hint',
    );
  });
});
