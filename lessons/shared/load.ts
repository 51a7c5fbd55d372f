/** Loads the learner's module with a failure message that says which file and what to export. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeError } from '../runner/checklist.ts';
import { locate, shownPath } from '../runner/function-errors.ts';
import { type Msg, pick, tr, withParticle } from '../runner/i18n.ts';

export type Loaded<T> = { ok: true; module: T } | { ok: false; detail: Msg; hint: Msg };

export async function loadModule<T>(
  codeDir: string,
  file: string,
  exportNames: string[],
): Promise<Loaded<T>> {
  const path = join(codeDir, file);
  if (!existsSync(path)) {
    return {
      ok: false,
      detail: tr(`${path} does not exist`, `${path} 파일이 없습니다`),
      hint: tr(
        `create ${file} in ${codeDir} (copy it from the lesson's exercise/ folder, or run with --reset).`,
        `${codeDir}에 ${withParticle(file, '을/를')} 만드세요 (수업의 exercise/ 폴더에서 복사하거나 --reset으로 되돌리기).`,
      ),
    };
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const stack = error instanceof Error && error.stack ? [error.stack] : [];
    const where = locate(stack, codeDir);
    const at = where ? ` (${shownPath(where.file)}:${where.line}:${where.column})` : '';
    const why = describeError(error);
    return {
      ok: false,
      detail: tr(
        `${file} does not load: ${pick(why, 'en')}${at}`,
        `${withParticle(file, '을/를')} 불러올 수 없습니다: ${pick(why, 'ko')}${at}`,
      ),
      hint: tr(
        'the module threw while loading (code at the top level runs at init, as on Lambda); fix the line it names, then run the lesson again.',
        '모듈이 로드되는 중에 예외를 던졌습니다 (최상위 코드는 Lambda처럼 초기화 때 실행됩니다). 가리키는 줄을 고치고 다시 실행하세요.',
      ),
    };
  }
  const missing = exportNames.filter((name) => module[name] === undefined);
  if (missing.length > 0) {
    const names = missing.map((m) => `\`${m}\``).join(', ');
    return {
      ok: false,
      detail: tr(
        `${file} does not export ${names}`,
        `${withParticle(file, '이/가')} ${withParticle(names, '을/를')} export하지 않습니다`,
      ),
      hint: tr(
        `keep the \`export\` in front of ${missing.join(', ')}.`,
        `${missing.join(', ')} 앞의 \`export\`를 지우지 마세요.`,
      ),
    };
  }
  return { ok: true, module: module as T };
}
