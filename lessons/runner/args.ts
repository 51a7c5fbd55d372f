/** Command-line options of `npm run lesson`, parsed apart from running so they can be tested. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { detectLang, isLang, type Lang, type Text, tr, withParticle } from './i18n.ts';

export interface LessonArgs {
  lesson: number;
  solution: boolean;
  keep: boolean;
  exerciseDir?: string;
  /** The language of every line printed; from the locale when not given. */
  lang?: Lang;
  /** Rerun the check whenever one of the lesson's files is saved. */
  watch?: boolean;
  /** Print the next hint level instead of running the check. */
  hint?: boolean;
  /** Restore the exercise files from git (asks first unless `yes`). */
  reset?: boolean;
  yes?: boolean;
  /** Print the lesson's instructions (its README) instead of running the check. */
  instructions?: boolean;
}

export type ParsedArgs = { ok: true; args: LessonArgs } | { ok: false; error: Text };

export const USAGE =
  'usage: npm run lesson -- <1-6> [--solution] [--keep] [--watch] [--hint] [--reset [--yes]]\n' +
  '                             [--instructions] [--lang ko|en] [--exercise-dir DIR]\n' +
  '       npm run lesson:3 -- --solution   (check the reference solution instead of your exercise)';

export const USAGE_KO =
  '사용법: npm run lesson -- <1-6> [--solution] [--keep] [--watch] [--hint] [--reset [--yes]]\n' +
  '                              [--instructions] [--lang ko|en] [--exercise-dir 폴더]\n' +
  '        npm run lesson:3 -- --solution   (내 연습 대신 참고 답안을 검사)';

export function parseLessonArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // parseArgs says "Unknown option '--solutoin'…"; keep the option's name, drop the advice.
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    const first = message.split('. ')[0] ?? message;
    return {
      ok: false,
      error: unknown
        ? tr(`unknown option ${unknown[1]}`, `모르는 옵션 ${unknown[1]}`)
        : tr(first, `잘못된 인자: ${first}`),
    };
  }
  const { values, positionals } = parsed;
  const numbers: number[] = [];
  for (const p of positionals) {
    if (!/^\d+$/.test(p)) return { ok: false, error: tr(`unknown argument ${p}`, `모르는 인자 ${p}`) };
    numbers.push(Number(p));
  }
  if (numbers.length > 1)
    return {
      ok: false,
      error: tr(
        `two lesson numbers given: ${numbers[0]} and ${numbers[1]}`,
        `강 번호가 둘입니다: ${numbers[0]}, ${numbers[1]}`,
      ),
    };
  const lesson = numbers[0];
  if (lesson === undefined)
    return { ok: false, error: tr('which lesson? give its number', '몇 강인가요? 번호를 주세요') };
  if (values.solution && values['exercise-dir'])
    return {
      ok: false,
      error: tr(
        '--solution and --exercise-dir exclude each other',
        '--solution과 --exercise-dir은 함께 쓸 수 없습니다',
      ),
    };
  if (values.lang !== undefined && !isLang(values.lang))
    return {
      ok: false,
      error: tr(
        `--lang takes ko or en, not ${values.lang}`,
        `--lang에는 ko나 en을 주세요 (받은 값: ${values.lang})`,
      ),
    };
  const actions = ['hint', 'reset', 'instructions', 'watch'].filter((name) => values[name as 'hint']);
  if (actions.length > 1)
    return {
      ok: false,
      error: tr(
        `--${actions[0]} and --${actions[1]} exclude each other`,
        `${withParticle(`--${actions[0]}`, '와/과')} ${withParticle(`--${actions[1]}`, '은/는')} 함께 쓸 수 없습니다`,
      ),
    };
  if (values.reset && values.solution)
    return {
      ok: false,
      error: tr(
        '--reset restores your exercise, not the solution',
        '--reset은 참고 답안이 아니라 여러분의 연습을 되돌립니다',
      ),
    };
  const lang: Lang = values.lang !== undefined && isLang(values.lang) ? values.lang : detectLang(env);
  const args: LessonArgs = { lesson, solution: values.solution ?? false, keep: values.keep ?? false, lang };
  if (values['exercise-dir']) args.exerciseDir = resolve(values['exercise-dir']);
  if (values.watch) args.watch = true;
  if (values.hint) args.hint = true;
  if (values.reset) args.reset = true;
  if (values.yes) args.yes = true;
  if (values.instructions) args.instructions = true;
  return { ok: true, args };
}

/** The language to complain in when the arguments cannot be parsed: `--lang` if it is there, else the locale. */
export function errorLang(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const given = argv.find((arg, i) => argv[i - 1] === '--lang' || arg.startsWith('--lang='));
  const value = given?.replace(/^--lang=/, '');
  return value !== undefined && isLang(value) ? value : detectLang(env);
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      solution: { type: 'boolean' },
      keep: { type: 'boolean' },
      'exercise-dir': { type: 'string' },
      lang: { type: 'string' },
      watch: { type: 'boolean' },
      hint: { type: 'boolean' },
      reset: { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      instructions: { type: 'boolean' },
    },
  });
}
