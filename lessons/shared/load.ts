/** Loads the learner's module with a failure message that says which file and what to export. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeError } from '../runner/checklist.ts';

export type Loaded<T> = { ok: true; module: T } | { ok: false; detail: string; hint: string };

export async function loadModule<T>(
  codeDir: string,
  file: string,
  exportNames: string[],
): Promise<Loaded<T>> {
  const path = join(codeDir, file);
  if (!existsSync(path)) {
    return {
      ok: false,
      detail: `${path} does not exist`,
      hint: `create ${file} in ${codeDir} (copy it from the lesson's exercise/ folder).`,
    };
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    return {
      ok: false,
      detail: `${file} does not load: ${describeError(error)}`,
      hint: 'fix the error at the line it names, then run the lesson again.',
    };
  }
  const missing = exportNames.filter((name) => module[name] === undefined);
  if (missing.length > 0) {
    return {
      ok: false,
      detail: `${file} does not export ${missing.map((m) => `\`${m}\``).join(', ')}`,
      hint: `keep the \`export\` in front of ${missing.join(', ')}.`,
    };
  }
  return { ok: true, module: module as T };
}
