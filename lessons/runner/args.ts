/** Command-line options of `npm run lesson`, parsed apart from running so they can be tested. */
import { resolve } from 'node:path';

export interface LessonArgs {
  lesson: number;
  solution: boolean;
  keep: boolean;
  exerciseDir?: string;
}

export type ParsedArgs = { ok: true; args: LessonArgs } | { ok: false; error: string };

export const USAGE =
  'usage: npm run lesson -- <1-5> [--solution] [--keep] [--exercise-dir DIR]\n' +
  '       npm run lesson:3 -- --solution   (check the reference solution instead of your exercise)';

export function parseLessonArgs(argv: string[]): ParsedArgs {
  let lesson: number | undefined;
  let solution = false;
  let keep = false;
  let exerciseDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--solution') solution = true;
    else if (arg === '--keep') keep = true;
    else if (arg === '--exercise-dir' || arg.startsWith('--exercise-dir=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!value) return { ok: false, error: '--exercise-dir needs a folder' };
      exerciseDir = resolve(value);
    } else if (/^\d+$/.test(arg)) {
      if (lesson !== undefined) return { ok: false, error: `two lesson numbers given: ${lesson} and ${arg}` };
      lesson = Number(arg);
    } else {
      return { ok: false, error: `unknown option ${arg}` };
    }
  }
  if (lesson === undefined) return { ok: false, error: 'which lesson? give its number' };
  if (solution && exerciseDir)
    return { ok: false, error: '--solution and --exercise-dir exclude each other' };
  return { ok: true, args: { lesson, solution, keep, ...(exerciseDir ? { exerciseDir } : {}) } };
}
