/**
 * The learner's commands besides the check itself: the next hint, the lesson's instructions,
 * resetting the exercise, and rerunning the check whenever one of the lesson's files is saved.
 */
import { execFile } from 'node:child_process';
import { existsSync, type FSWatcher, readFileSync, watch } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { promisify } from 'node:util';
import { type LessonInfo, lessonDir } from '../catalogue.ts';
import { HINTS, LEVEL_NAMES } from './hints.ts';
import { type Lang, pick, tr, withParticle } from './i18n.ts';
import { forgetLesson, nextHintLevel } from './progress.ts';

/** The next level of the lesson's hint ladder, recorded in the progress file. */
export function hintText(lesson: LessonInfo, lang: Lang, file?: string): string {
  const ladder = HINTS[lesson.number];
  if (!ladder)
    return pick(
      tr(`Lesson ${lesson.number} has no hints yet.`, `${lesson.number}강에는 아직 힌트가 없습니다.`),
      lang,
    );
  const level = nextHintLevel(lesson.number, ladder.length, file);
  const name = LEVEL_NAMES[level - 1] ?? tr('', '');
  const lines = [
    pick(
      tr(
        `Hint ${level}/${ladder.length} for lesson ${lesson.number} — ${name.en}:`,
        `${lesson.number}강 힌트 ${level}/${ladder.length} — ${name.ko}:`,
      ),
      lang,
    ),
    `  ${pick(ladder[level - 1] ?? tr('', ''), lang)}`,
  ];
  lines.push(
    level < ladder.length
      ? pick(tr('Run --hint again for the next level.', '다음 단계는 --hint를 한 번 더.'), lang)
      : pick(tr('That was the last level.', '마지막 단계였습니다.'), lang),
  );
  return lines.join('\n');
}

/** The lesson's README in the learner's language. */
export function instructionsText(lesson: LessonInfo, lang: Lang): string {
  const dir = lessonDir(lesson);
  const file = join(dir, lang === 'ko' ? 'README.ko.md' : 'README.md');
  return readFileSync(existsSync(file) ? file : join(dir, 'README.md'), 'utf8');
}

export type ResetOutcome = { ok: true; restored: string } | { ok: false; message: string };

/**
 * Puts the lesson's exercise folder back as the repository has it, and forgets the lesson's
 * progress (its pass and hint level) with it. Asks first on a terminal; without one it refuses
 * unless `yes`, since nobody could answer the question.
 */
export async function resetExercise(
  lesson: LessonInfo,
  options: {
    yes: boolean;
    lang: Lang;
    input?: NodeJS.ReadableStream & { isTTY?: boolean };
    output?: NodeJS.WritableStream;
    /** The folder to restore: the lesson's exercise/ unless a test names another git work tree. */
    dir?: string;
    progressFile?: string;
  },
): Promise<ResetOutcome> {
  const { lang } = options;
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const dir = options.dir ?? join(lessonDir(lesson), 'exercise');
  const shown = relative(process.cwd(), dir) || dir;
  if (!options.yes) {
    if (!input.isTTY)
      return {
        ok: false,
        message: pick(
          tr(
            `--reset would overwrite your work in ${shown}; with no terminal to ask, add --yes to confirm.`,
            `--reset은 ${shown}의 작업을 덮어씁니다. 물어볼 터미널이 없으니 확인하려면 --yes를 붙이세요.`,
          ),
          lang,
        ),
      };
    const rl = createInterface({ input, output });
    const answer = await rl.question(
      pick(
        tr(
          `Restore ${shown} and lose your changes there? [y/N] `,
          `${withParticle(shown, '을/를')} 되돌리고 바꾼 내용을 버릴까요? [y/N] `,
        ),
        lang,
      ),
    );
    rl.close();
    if (!/^(y|yes|네|예|ㅇ)$/i.test(answer.trim()))
      return { ok: false, message: pick(tr('Nothing was changed.', '아무것도 바꾸지 않았습니다.'), lang) };
  }
  try {
    await promisify(execFile)('git', ['checkout', 'HEAD', '--', '.'], { cwd: dir });
  } catch (error) {
    return {
      ok: false,
      message: pick(
        tr(
          `git could not restore ${shown}: ${(error as Error).message.split('\n')[0]}`,
          `git이 ${withParticle(shown, '을/를')} 되돌리지 못했습니다: ${(error as Error).message.split('\n')[0]}`,
        ),
        lang,
      ),
    };
  }
  forgetLesson(lesson.number, options.progressFile);
  return { ok: true, restored: shown };
}

/**
 * Calls `run` now and again after every save in `dir` (the lesson's files only), one run at a
 * time: a save during a run queues one more run. Returns the way to stop watching.
 */
export function watchAndRerun(dir: string, run: () => Promise<void>, debounceMs = 200): () => void {
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const go = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await run();
    } finally {
      running = false;
      if (again) {
        again = false;
        void go();
      }
    }
  };
  const watcher: FSWatcher = watch(dir, (_event, name) => {
    // Editors write temporary files beside the real one; only the lesson's sources count.
    if (!name || !/\.(m|c)?ts$/.test(String(name))) return;
    clearTimeout(timer);
    timer = setTimeout(() => void go(), debounceMs);
  });
  void go();
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
