/**
 * Runs one lesson's check against the learner's exercise (or the reference solution), prints
 * the checklist and records progress. The CLI in scripts/lesson.ts is a thin shell around this.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findLesson, LESSONS, lessonDir } from '../catalogue.ts';
import type { LessonArgs } from './args.ts';
import { type CheckItem, describeError, formatChecklist } from './checklist.ts';
import { recordRun } from './progress.ts';
import type { CheckContext, KeptStack, LessonCheck, Variant } from './types.ts';

export interface LessonRun {
  passed: boolean;
  items: CheckItem[];
  kept?: KeptStack;
}

export interface RunOptions {
  print?: (text: string) => void;
  engine?: CheckContext['engine'];
}

export async function runLesson(args: LessonArgs, options: RunOptions = {}): Promise<LessonRun> {
  const print = options.print ?? ((text: string) => console.log(text));
  const lesson = findLesson(args.lesson);
  if (!lesson) {
    const known = LESSONS.map((l) => l.number).join(', ');
    throw new Error(
      `there is no lesson ${args.lesson}; the lessons are ${known}. \`npm run lessons\` lists them.`,
    );
  }
  const dir = lessonDir(lesson);
  const variant: Variant = args.solution ? 'solution' : 'exercise';
  const codeDir = args.exerciseDir ?? join(dir, variant);
  if (!existsSync(codeDir))
    throw new Error(`${codeDir} does not exist; give --exercise-dir a folder that does.`);

  print(`Lesson ${lesson.number} — ${lesson.title.en} (${lesson.title.ko})`);
  print(`checking ${variant === 'solution' ? 'the reference solution' : 'your exercise'} in ${codeDir}…`);
  const module = (await import(pathToFileURL(join(dir, 'check.ts')).href)) as { check: LessonCheck };
  const ctx: CheckContext = {
    codeDir,
    variant,
    keep: args.keep,
    log: (line) => print(`  … ${line}`),
    ...(options.engine ? { engine: options.engine } : {}),
  };
  let items: CheckItem[];
  let kept: KeptStack | undefined;
  try {
    const outcome = await module.check(ctx);
    items = outcome.items;
    kept = outcome.kept;
  } catch (error) {
    // A check that cannot even start (no Java, a port in use) is one failing line, not a trace.
    items = [
      {
        label: 'the check ran to the end',
        ok: false,
        detail: describeError(error),
        hint: 'read the message above; run `npm run lesson -- N --solution` to see whether the setup itself works.',
      },
    ];
  }
  const okCount = items.filter((item) => item.ok).length;
  const passed = items.length > 0 && okCount === items.length;
  print(formatChecklist(items));
  print(`${okCount}/${items.length} checks pass.`);
  if (variant === 'exercise') {
    const entry = recordRun(lesson.number, okCount, items.length);
    if (passed) {
      const next = findLesson(lesson.number + 1);
      print(
        `Lesson ${lesson.number} done. ${next ? `Next: npm run lesson:${next.number}` : 'That was the last lesson.'}`,
      );
    } else {
      print(
        `Not yet. Fix the ✗ lines in ${codeDir} and run this again.${entry.passed ? ' (You passed this lesson before.)' : ''}`,
      );
    }
  } else {
    print(
      passed
        ? 'The reference solution passes.'
        : 'The reference solution FAILS: this is a bug in the workbench, please report it.',
    );
  }
  return { passed, items, ...(kept ? { kept } : {}) };
}
