import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { findLesson, LESSONS } from '../catalogue.ts';
import { hintText, instructionsText, resetExercise, watchAndRerun } from './commands.ts';
import { HINTS } from './hints.ts';
import { readProgress, recordRun } from './progress.ts';

const dir = mkdtempSync(join(tmpdir(), 'lesson-commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lesson3 = findLesson(3);
if (!lesson3) throw new Error('lesson 3 is missing');

describe('--hint', () => {
  it('goes one level deeper each time (concept, where, answer), kept in progress, then stays at the answer', () => {
    const file = join(dir, 'progress.json');
    recordRun(3, 2, 5, file);
    const first = hintText(lesson3, 'en', file);
    expect(first).toContain('Hint 1/3 for lesson 3 — the concept:');
    expect(first).not.toContain('PutCommand');
    expect(readProgress(file).lessons['3']).toMatchObject({ hintLevel: 1, okCount: 2 });
    expect(hintText(lesson3, 'ko', file)).toContain('3강 힌트 2/3 — 볼 곳:');
    const answer = hintText(lesson3, 'en', file);
    expect(answer).toContain('Hint 3/3');
    expect(answer).toContain('new PutCommand');
    expect(hintText(lesson3, 'en', file)).toContain('Hint 3/3');
    // A run after the hints keeps the level.
    recordRun(3, 3, 5, file);
    expect(readProgress(file).lessons['3']?.hintLevel).toBe(3);
  });

  it('every lesson has a ladder of three, in both languages', () => {
    for (const lesson of LESSONS) {
      const ladder = HINTS[lesson.number];
      expect(ladder, `lesson ${lesson.number}`).toHaveLength(3);
      for (const step of ladder ?? []) expect(step.ko).toMatch(/[가-힣]/);
    }
  });
});

describe('--instructions', () => {
  it('prints the README in the chosen language', () => {
    expect(instructionsText(lesson3, 'ko')).toContain('# ');
    expect(instructionsText(lesson3, 'ko')).toMatch(/[가-힣]/);
    expect(instructionsText(lesson3, 'en')).toContain('# Lesson 3');
  });
});

describe('--reset', () => {
  it('refuses without a terminal unless --yes, and touches nothing', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: false });
    const outcome = await resetExercise(lesson3, { yes: false, lang: 'en', input });
    expect(outcome).toEqual({
      ok: false,
      message: expect.stringContaining('with no terminal to ask, add --yes to confirm'),
    });
    const ko = await resetExercise(lesson3, { yes: false, lang: 'ko', input });
    expect(ko.ok).toBe(false);
    expect(!ko.ok && ko.message).toContain('--yes를 붙이세요');
  });

  it('asks on a terminal and does nothing on "no"', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    const asked = resetExercise(lesson3, { yes: false, lang: 'en', input, output });
    input.write('n\n');
    expect(await asked).toEqual({ ok: false, message: 'Nothing was changed.' });
  });
});

describe('--watch', () => {
  it('reruns on a save of a lesson file, not on other files', async () => {
    const watched = mkdtempSync(join(dir, 'watched-'));
    const run = vi.fn(async () => {});
    const stop = watchAndRerun(watched, run, 50);
    try {
      await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
      writeFileSync(join(watched, 'notes.txt'), 'not a source');
      writeFileSync(join(watched, 'handler.ts'), 'export {};\n');
      await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(2));
    } finally {
      stop();
    }
  });
});

describe('--reset --yes', () => {
  it('restores the folder from git and forgets the lesson: not done any more, hints from level 1', async () => {
    // A git work tree of its own, so the test never touches a learner's exercise.
    const work = mkdtempSync(join(dir, 'exercise-'));
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: work, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    git('init', '-q');
    writeFileSync(join(work, 'handler.ts'), 'export const answer = 1;\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'exercise');
    writeFileSync(join(work, 'handler.ts'), 'export const answer = 2;\n');

    const file = join(dir, 'reset-progress.json');
    recordRun(3, 5, 5, file);
    recordRun(4, 1, 5, file);
    hintText(lesson3, 'en', file);
    hintText(lesson3, 'en', file);
    expect(readProgress(file).lessons['3']).toMatchObject({ passed: true, hintLevel: 2 });

    const outcome = await resetExercise(lesson3, { yes: true, lang: 'en', dir: work, progressFile: file });
    expect(outcome).toEqual({ ok: true, restored: expect.stringContaining('exercise-') });
    expect(readFileSync(join(work, 'handler.ts'), 'utf8')).toBe('export const answer = 1;\n');
    expect(readProgress(file).lessons['3']).toBeUndefined();
    // Other lessons keep theirs.
    expect(readProgress(file).lessons['4']).toMatchObject({ okCount: 1 });
    expect(hintText(lesson3, 'en', file)).toContain('Hint 1/3');
  });

  it('keeps the progress when git cannot restore the folder', async () => {
    const notGit = mkdtempSync(join(tmpdir(), 'lesson-not-git-'));
    try {
      const file = join(dir, 'kept-progress.json');
      recordRun(3, 5, 5, file);
      const outcome = await resetExercise(lesson3, {
        yes: true,
        lang: 'en',
        dir: notGit,
        progressFile: file,
      });
      expect(outcome.ok).toBe(false);
      expect(readProgress(file).lessons['3']).toMatchObject({ passed: true });
    } finally {
      rmSync(notGit, { recursive: true, force: true });
    }
  });
});
