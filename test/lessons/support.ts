/** Runs lessons the way `npm run lesson` does, with output captured and progress in a temp file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { type Msg, pick } from '../../lessons/runner/i18n.ts';
import { type LessonRun, runLesson } from '../../lessons/runner/run-lesson.ts';

export function useTempProgress(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lesson-progress-')), 'progress.json');
  process.env.LESSON_PROGRESS_FILE = file;
  return file;
}

/** For a whole test file: its lesson runs record progress in a temp file, whose path this returns. */
export function withTempProgress(): () => string {
  let file = '';
  beforeAll(() => {
    file = useTempProgress();
  });
  afterAll(() => {
    delete process.env.LESSON_PROGRESS_FILE;
    if (file) rmSync(dirname(file), { recursive: true, force: true });
  });
  return () => file;
}

export interface CapturedRun extends LessonRun {
  output: string;
}

export async function runCaptured(
  lesson: number,
  solution: boolean,
  more: { exerciseDir?: string; lang?: 'ko' | 'en' } = {},
): Promise<CapturedRun> {
  const lines: string[] = [];
  const engine = process.env.TEST_ENGINE as EngineKind | undefined;
  const run = await runLesson(
    {
      lesson,
      solution,
      keep: false,
      lang: more.lang ?? 'en',
      ...(more.exerciseDir ? { exerciseDir: more.exerciseDir } : {}),
    },
    { print: (text) => lines.push(text), ...(engine ? { engine } : {}) },
  );
  return { ...run, output: lines.join('\n') };
}

/** The ✗ labels of a run, for asserting which facts an exercise gets wrong. */
export function failedLabels(run: LessonRun): string[] {
  return run.items.filter((item) => !item.ok).map((item) => pick(item.label, 'en'));
}

/** A demo's observation or a check's line in English, the language tests match on. */
export const en = (text: Msg): string => pick(text, 'en');
