/**
 * Type-checks a lesson's exercise files alone, before any stack starts: a typo in a property
 * name is then one line with the file and line, not an HTTP 502 three steps later. It runs the
 * project's own TypeScript (a dependency) with the exercises' settings on just those files, and
 * asks for its messages in the learner's language (`--locale ko`).
 *
 * For handler code it then looks for promises nobody waits for (floating-promises.ts), through
 * TypeScript 7's API on the same config file. TypeScript 7 has no in-process compiler to share:
 * the CLI is the only way to Korean messages (its API takes no locale), and the API is the only
 * way to a checker, so the stage opens both on one tsconfig — same files, same options.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { API } from 'typescript/unstable/async';
import { type FloatingPromise, findFloatingPromises } from './floating-promises.ts';
import { shownPath } from './function-errors.ts';
import type { Lang } from './i18n.ts';

const REPO = resolve(import.meta.dirname, '..', '..');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

export interface TypeProblem {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

export type TypeCheckResult =
  | { ok: true; files: string[]; floating: FloatingPromise[]; floatingError?: string }
  | { ok: false; files: string[]; problems: TypeProblem[]; raw: string };

export interface TypecheckOptions {
  /** Handler files to search for floating promises once the types are clean (none: no search). */
  floatingIn?: readonly string[];
}

/**
 * A tsconfig in `dir` for `files` alone, with the exercises' compiler options: the learner's files
 * are checked whatever folder they are in. Returns its path.
 */
export function writeExerciseTsconfig(dir: string, files: string[]): string {
  const config = join(dir, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(REPO, 'tsconfig.exercises.json'),
      compilerOptions: { typeRoots: [join(REPO, 'node_modules', '@types')] },
      files,
      include: [],
    }),
  );
  return config;
}

/** The .ts files of one exercise folder (not its subfolders: a lesson's files sit side by side). */
export function exerciseFiles(codeDir: string): string[] {
  return readdirSync(codeDir)
    .filter((name) => /\.(m|c)?ts$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(codeDir, name))
    .sort();
}

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

export function parseDiagnostics(output: string, cwd: string): TypeProblem[] {
  const problems: TypeProblem[] = [];
  for (const line of output.split('\n')) {
    const match = DIAGNOSTIC.exec(line.trimEnd());
    if (match) {
      problems.push({
        file: resolve(cwd, match[1] ?? ''),
        line: Number(match[2]),
        column: Number(match[3]),
        code: match[4] ?? '',
        message: match[5] ?? '',
      });
    } else if (line.startsWith('  ') && problems.length > 0) {
      // tsc continues a long message on indented lines.
      const last = problems[problems.length - 1];
      if (last) last.message += `\n${line.trim()}`;
    }
  }
  return problems;
}

export async function typecheckExercise(
  codeDir: string,
  lang: Lang,
  options: TypecheckOptions = {},
): Promise<TypeCheckResult> {
  const files = exerciseFiles(codeDir);
  if (files.length === 0) return { ok: true, files, floating: [] };
  const dir = mkdtempSync(join(tmpdir(), 'lesson-typecheck-'));
  try {
    const config = writeExerciseTsconfig(dir, files);
    try {
      await promisify(execFile)(
        process.execPath,
        [TSC, '-p', config, '--pretty', 'false', ...(lang === 'ko' ? ['--locale', 'ko'] : [])],
        { cwd: REPO, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
      );
    } catch (error) {
      const out = error as { stdout?: string; stderr?: string; code?: unknown };
      const raw = `${out.stdout ?? ''}${out.stderr ?? ''}`;
      const problems = parseDiagnostics(raw, REPO).filter((p) => files.includes(p.file));
      // A diagnostic outside the learner's files (a config problem) still fails, shown raw.
      return { ok: false, files, problems, raw: raw.trim() || String(error) };
    }
    if (!options.floatingIn?.length) return { ok: true, files, floating: [] };
    try {
      return { ok: true, files, floating: await floatingPromisesIn(config, options.floatingIn) };
    } catch (error) {
      // The types are fine; a search that could not run is shown as such, not as a pass.
      return { ok: true, files, floating: [], floatingError: String((error as Error)?.message ?? error) };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens `config` through TypeScript's API and searches `files` with its program and checker. */
export async function floatingPromisesIn(
  config: string,
  files: readonly string[],
): Promise<FloatingPromise[]> {
  const api = new API({ cwd: REPO });
  try {
    const snapshot = await api.updateSnapshot({ openProjects: [config] });
    const project = snapshot.getProject(config);
    if (!project) throw new Error(`TypeScript did not load ${config}`);
    return await findFloatingPromises(project.program, project.checker, files);
  } finally {
    await api.close();
  }
}

export function formatProblems(problems: TypeProblem[], cwd = process.cwd()): string[] {
  return problems.map(
    (p) =>
      `${shownPath(p.file, cwd)}:${p.line}:${p.column} ${p.code} ${p.message.split('\n').join('\n        ')}`,
  );
}
