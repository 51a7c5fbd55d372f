/**
 * Progress between runs, rustlings-style: which lessons passed and when. Kept in
 * `.local/progress.json` (ignored by git) so a learner's state never lands in a commit.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface LessonProgress {
  passed: boolean;
  /** ISO time of the first passing run of the learner's own exercise. */
  passedAt?: string;
  lastRunAt: string;
  okCount: number;
  total: number;
  /** How deep `--hint` has gone (1 concept, 2 where, 3 answer); 0 or absent before the first. */
  hintLevel?: number;
}

export interface Progress {
  lessons: Record<string, LessonProgress>;
}

/** `LESSON_PROGRESS_FILE` lets tests keep their own file; people use the default. */
export function progressFile(): string {
  return resolve(process.env.LESSON_PROGRESS_FILE || '.local/progress.json');
}

export function readProgress(file = progressFile()): Progress {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Progress>;
    return { lessons: parsed.lessons && typeof parsed.lessons === 'object' ? parsed.lessons : {} };
  } catch {
    // Missing or unreadable: start over rather than refuse to run a lesson.
    return { lessons: {} };
  }
}

/** Records one run of the learner's exercise. A pass, once earned, is kept even if a later run fails. */
export function recordRun(
  lesson: number,
  okCount: number,
  total: number,
  file = progressFile(),
): LessonProgress {
  const progress = readProgress(file);
  const previous = progress.lessons[String(lesson)];
  const now = new Date().toISOString();
  const passedNow = total > 0 && okCount === total;
  const entry: LessonProgress = {
    passed: passedNow || previous?.passed === true,
    lastRunAt: now,
    okCount,
    total,
    ...(previous?.hintLevel ? { hintLevel: previous.hintLevel } : {}),
  };
  const passedAt = previous?.passedAt ?? (passedNow ? now : undefined);
  if (passedAt) entry.passedAt = passedAt;
  progress.lessons[String(lesson)] = entry;
  writeProgress(progress, file);
  return entry;
}

/** Moves the lesson's hint one level deeper (at most `max`) and returns the level to show. */
export function nextHintLevel(lesson: number, max: number, file = progressFile()): number {
  const progress = readProgress(file);
  const previous = progress.lessons[String(lesson)];
  const level = Math.min(max, (previous?.hintLevel ?? 0) + 1);
  progress.lessons[String(lesson)] = {
    passed: previous?.passed ?? false,
    lastRunAt: previous?.lastRunAt ?? new Date().toISOString(),
    okCount: previous?.okCount ?? 0,
    total: previous?.total ?? 0,
    ...(previous?.passedAt ? { passedAt: previous.passedAt } : {}),
    hintLevel: level,
  };
  writeProgress(progress, file);
  return level;
}

/**
 * Forgets a lesson: `--reset` puts its exercise back as it came, so its pass and its hint level
 * go too (a kept pass would list it done, a kept level would open the next `--hint` at the answer).
 */
export function forgetLesson(lesson: number, file = progressFile()): void {
  const progress = readProgress(file);
  if (!(String(lesson) in progress.lessons)) return;
  delete progress.lessons[String(lesson)];
  writeProgress(progress, file);
}

function writeProgress(progress: Progress, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename, so an interrupted run cannot leave half a file behind.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
  renameSync(temp, file);
}
