/**
 * Known-bad variants of a lesson's reference solution, written to a temporary folder outside the
 * repository the way a learner's copy would be. The folder links the project's node_modules, so
 * the type check, the runner's import and the Lambda build resolve `@aws-sdk/*` as they do for the
 * lesson's own folder.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findLesson, lessonDir } from '../../lessons/catalogue.ts';

const REPO = resolve(import.meta.dirname, '..', '..');

export interface Edit {
  file: string;
  from: string;
  to: string;
}

export interface VariantDir {
  dir: string;
  remove(): void;
}

/** The lesson's solution with `edits` applied; each edit must match exactly once. */
export function solutionVariant(lesson: number, edits: Edit[]): VariantDir {
  const info = findLesson(lesson);
  if (!info) throw new Error(`no lesson ${lesson}`);
  const dir = mkdtempSync(join(tmpdir(), `lesson-${lesson}-variant-`));
  const solution = join(lessonDir(info), 'solution');
  for (const name of readdirSync(solution)) cpSync(join(solution, name), join(dir, name));
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const edit of edits) {
    const path = join(dir, edit.file);
    const text = readFileSync(path, 'utf8');
    const count = text.split(edit.from).length - 1;
    if (count !== 1) throw new Error(`edit of ${edit.file} matches ${count} times: ${edit.from}`);
    writeFileSync(path, text.replace(edit.from, edit.to));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
