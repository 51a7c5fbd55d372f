/**
 * Runs one lesson's check against the learner's exercise (or the reference solution), prints
 * the checklist and records progress. The CLI in scripts/lesson.ts is a thin shell around this.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findLesson, LESSONS, type LessonInfo, lessonDir } from '../catalogue.ts';
import type { LessonArgs } from './args.ts';
import { type CheckItem, describeError, formatChecklist } from './checklist.ts';
import { floatingPromiseItems } from './floating-promises.ts';
import { type FunctionError, formatFunctionErrors } from './function-errors.ts';
import { BilingualError, join as joinMsg, type Lang, type Msg, pick, type Text, tr } from './i18n.ts';
import { recordRun } from './progress.ts';
import { exerciseFiles, formatProblems, typecheckExercise } from './typecheck.ts';
import type { CheckContext, FixPlace, KeptStack, LessonCheck, Variant } from './types.ts';

export interface LessonRun {
  passed: boolean;
  items: CheckItem[];
  errors: FunctionError[];
  kept?: KeptStack;
}

export interface RunOptions {
  print?: (text: string) => void;
  engine?: CheckContext['engine'];
}

export function requireLesson(number: number): LessonInfo {
  const lesson = findLesson(number);
  if (!lesson) {
    const known = LESSONS.map((l) => l.number).join(', ');
    throw new BilingualError(
      tr(
        `there is no lesson ${number}; the lessons are ${known}. \`npm run lessons\` lists them.`,
        `${number}강은 없습니다. 있는 강: ${known}. \`npm run lessons\`가 목록을 보여 줍니다.`,
      ),
    );
  }
  return lesson;
}

export function codeDirOf(lesson: LessonInfo, args: Pick<LessonArgs, 'solution' | 'exerciseDir'>): string {
  return args.exerciseDir ?? join(lessonDir(lesson), args.solution ? 'solution' : 'exercise');
}

export async function runLesson(args: LessonArgs, options: RunOptions = {}): Promise<LessonRun> {
  const lang: Lang = args.lang ?? 'en';
  const say = (msg: Msg) => (options.print ?? ((text: string) => console.log(text)))(pick(msg, lang));
  const lesson = requireLesson(args.lesson);
  const dir = lessonDir(lesson);
  const variant: Variant = args.solution ? 'solution' : 'exercise';
  const codeDir = codeDirOf(lesson, args);
  if (!existsSync(codeDir))
    throw new BilingualError(
      tr(
        `${codeDir} does not exist; give --exercise-dir a folder that does.`,
        `${codeDir} 폴더가 없습니다. --exercise-dir에는 있는 폴더를 주세요.`,
      ),
    );

  say(
    tr(
      `Lesson ${lesson.number} — ${lesson.title.en} (${lesson.title.ko})`,
      `${lesson.number}강 — ${lesson.title.ko} (${lesson.title.en})`,
    ),
  );
  say(
    variant === 'solution'
      ? tr(`checking the reference solution in ${codeDir}…`, `참고 답안을 검사합니다: ${codeDir}…`)
      : tr(`checking your exercise in ${codeDir}…`, `여러분의 연습을 검사합니다: ${codeDir}…`),
  );

  let items: CheckItem[];
  let errors: FunctionError[] = [];
  let kept: KeptStack | undefined;
  let fixIn: FixPlace[] = [];
  // Handler code is also read for promises nobody awaits: the rounds below cannot see those every time.
  const typed = await typecheckExercise(
    codeDir,
    lang,
    lesson.handlers ? { floatingIn: exerciseFiles(codeDir) } : {},
  );
  if (!typed.ok) {
    // Nothing starts on code that does not type-check: the line is the whole story.
    const lines = typed.problems.length > 0 ? formatProblems(typed.problems) : [typed.raw];
    items = [
      {
        label: tr('your files type-check (tsc)', '파일의 타입 검사 통과 (tsc)'),
        ok: false,
        detail: tr(
          `${typed.problems.length || 'some'} type error(s):\n        ${lines.join('\n        ')}`,
          `타입 오류 ${typed.problems.length || ''}개:\n        ${lines.join('\n        ')}`,
        ),
        hint: tr(
          'fix the line each error names (file:line:column); no stack starts until they are gone.',
          '오류가 가리키는 줄(파일:줄:열)을 고치세요. 오류가 없어야 스택이 시작됩니다.',
        ),
      },
    ];
  } else {
    const module = (await import(pathToFileURL(join(dir, 'check.ts')).href)) as { check: LessonCheck };
    const ctx: CheckContext = {
      codeDir,
      variant,
      keep: args.keep,
      lang,
      log: (line) => say(tr(`  … ${pick(line, 'en')}`, `  … ${pick(line, 'ko')}`)),
      ...(options.engine ? { engine: options.engine } : {}),
    };
    try {
      const outcome = await module.check(ctx);
      items = [
        { label: tr('your files type-check (tsc)', '파일의 타입 검사 통과 (tsc)'), ok: true },
        ...(lesson.handlers ? floatingPromiseItems(typed.floating, process.cwd(), typed.floatingError) : []),
        ...outcome.items,
      ];
      errors = outcome.errors ?? [];
      kept = outcome.kept;
      fixIn = outcome.fixIn ?? [];
    } catch (error) {
      // A check that cannot even start (no Java, a port in use) is one failing line, not a trace.
      items = [
        {
          label: tr('the check ran to the end', '검사가 끝까지 실행됨'),
          ok: false,
          detail: describeError(error),
          hint: tr(
            `read the message above; run \`npm run lesson -- ${lesson.number} --solution\` to see whether the setup itself works.`,
            `위 메시지를 읽어 보세요. \`npm run lesson -- ${lesson.number} --solution\`으로 환경 자체가 동작하는지 확인할 수 있습니다.`,
          ),
        },
      ];
    }
  }
  const okCount = items.filter((item) => item.ok).length;
  const passed = items.length > 0 && okCount === items.length;
  say(formatChecklist(items, lang));
  if (!passed) {
    const report = formatFunctionErrors(errors, codeDir, lang);
    if (report) say(report);
  }
  say(tr(`${okCount}/${items.length} checks pass.`, `검사 ${items.length}개 중 ${okCount}개 통과.`));
  if (variant === 'exercise') {
    const entry = recordRun(lesson.number, okCount, items.length);
    if (passed) {
      const next = findLesson(lesson.number + 1);
      say(
        next
          ? tr(
              `Lesson ${lesson.number} done. Next: npm run lesson:${next.number}`,
              `${lesson.number}강 완료. 다음: npm run lesson:${next.number}`,
            )
          : tr(
              `Lesson ${lesson.number} done. That was the last lesson.`,
              `${lesson.number}강 완료. 마지막 수업이었습니다.`,
            ),
      );
    } else {
      const before = entry.passed
        ? tr(' (You passed this lesson before.)', ' (이 강은 전에 통과했습니다.)')
        : '';
      const again = args.watch
        ? tr('save to check again.', '저장하면 다시 검사합니다.')
        : tr('run this again.', '다시 실행하세요.');
      say(joinMsg([notYet(codeDir, fixIn), again, before, stuck(lesson.number, fixIn)]));
    }
  } else {
    say(
      passed
        ? tr('The reference solution passes.', '참고 답안이 통과합니다.')
        : tr(
            'The reference solution FAILS: this is a bug in the workbench, please report it.',
            '참고 답안이 실패합니다: 워크벤치의 버그이니 알려 주세요.',
          ),
    );
  }
  return { passed, items, errors, ...(kept ? { kept } : {}) };
}

/** Where to fix: the checked folder, or the lessons whose code failed when the check says so. */
function notYet(codeDir: string, fixIn: FixPlace[]): Text {
  if (fixIn.length === 0)
    return tr(`Not yet. Fix the ✗ lines in ${codeDir} and `, `아직입니다. ${codeDir}에서 ✗ 줄을 고치고 `);
  const places = fixIn.map((place) => `npm run lesson:${place.lesson} (${shownDir(place.dir)})`);
  return tr(
    `Not yet. The failing code is not in this lesson's folder: fix the ✗ lines of ${places.join(' and ')} first, then `,
    `아직입니다. 실패한 코드는 이 강의 폴더에 없습니다: 먼저 ${places.join(', ')}의 ✗ 줄을 고치고 `,
  );
}

function stuck(lesson: number, fixIn: FixPlace[]): Text {
  const first = fixIn[0]?.lesson ?? lesson;
  return tr(` Stuck? npm run lesson:${first} -- --hint`, ` 막히면: npm run lesson:${first} -- --hint`);
}

function shownDir(dir: string): string {
  return relative(process.cwd(), dir) || dir;
}
