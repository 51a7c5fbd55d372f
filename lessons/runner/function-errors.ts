/**
 * What a learner's function reported while a check ran, read from its log group the way one
 * reads CloudWatch: the runtime's `Invoke Error` / `Uncaught Exception` lines (with the stack
 * trace, source-mapped to the learner's .ts file), timeouts and runtime exits. The runner prints
 * them under a failing checklist with the file and line inside the learner's own folder.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Lang, pick, tr } from './i18n.ts';

export interface FunctionError {
  functionName: string;
  /** `invoke`: the handler threw or rejected; `init`: the module failed to load; the rest as named. */
  kind: 'invoke' | 'init' | 'unhandled' | 'timeout' | 'exit';
  errorType: string;
  errorMessage: string;
  stack: string[];
}

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

const RUNTIME_ERROR = /(Invoke Error|Uncaught Exception|Unhandled Promise Rejection) \t(\{.*\})\s*$/s;
const TIMED_OUT = /Task timed out after ([\d.]+) seconds/;
const EXITED = /^RequestId: \S+ Error: (Runtime exited[^\n]*)/;

/** One log message → the error it reports, if it reports one. */
export function parseErrorLine(functionName: string, message: string): FunctionError | undefined {
  const runtime = RUNTIME_ERROR.exec(message);
  if (runtime) {
    let body: { errorType?: unknown; errorMessage?: unknown; stack?: unknown };
    try {
      body = JSON.parse(runtime[2] ?? '{}') as typeof body;
    } catch {
      return undefined;
    }
    const label = runtime[1];
    return {
      functionName,
      kind: label === 'Invoke Error' ? 'invoke' : label === 'Uncaught Exception' ? 'init' : 'unhandled',
      errorType: typeof body.errorType === 'string' ? body.errorType : 'Error',
      errorMessage: typeof body.errorMessage === 'string' ? body.errorMessage : '',
      stack: Array.isArray(body.stack) ? body.stack.filter((s): s is string => typeof s === 'string') : [],
    };
  }
  const timedOut = TIMED_OUT.exec(message);
  if (timedOut)
    return {
      functionName,
      kind: 'timeout',
      errorType: 'Sandbox.Timedout',
      errorMessage: `Task timed out after ${timedOut[1]} seconds`,
      stack: [],
    };
  const exited = EXITED.exec(message);
  if (exited)
    return {
      functionName,
      kind: 'exit',
      errorType: 'Runtime.ExitError',
      errorMessage: exited[1] ?? '',
      stack: [],
    };
  return undefined;
}

const FRAME = /(?:\(|\s|^)((?:file:\/\/)?\/[^\s():]+):(\d+):(\d+)\)?\s*$/;

/** The first stack frame inside `codeDir`: where in the learner's own file the error happened. */
export function locate(stack: string[], codeDir: string): SourceLocation | undefined {
  const dir = codeDir.endsWith(sep) ? codeDir : codeDir + sep;
  for (const entry of stack) {
    for (const frame of entry.split('\n')) {
      const match = FRAME.exec(frame.trim());
      if (!match) continue;
      const raw = match[1] ?? '';
      const file = raw.startsWith('file://') ? fileURLToPath(raw) : raw;
      if (!isAbsolute(file) || !file.startsWith(dir) || file.includes(`${sep}node_modules${sep}`)) continue;
      return { file, line: Number(match[2]), column: Number(match[3]) };
    }
  }
  return undefined;
}

function kindLine(error: FunctionError) {
  switch (error.kind) {
    case 'init':
      return tr(
        'the module failed to load (init error): every invocation fails',
        '모듈 로드 실패(초기화 오류): 모든 호출이 실패합니다',
      );
    case 'timeout':
      return tr('the invocation ran past the function timeout', '호출이 함수 제한 시간을 넘겼습니다');
    case 'exit':
      return tr('the runtime process ended during the invocation', '호출 중에 런타임 프로세스가 끝났습니다');
    case 'unhandled':
      return tr(
        'an unhandled promise rejection ended the instance',
        '처리되지 않은 Promise 거부로 인스턴스가 끝났습니다',
      );
    default:
      return tr('the handler threw', '핸들러가 예외를 던졌습니다');
  }
}

/** The report printed under a failing checklist; empty when nothing was reported. */
export function formatFunctionErrors(
  errors: FunctionError[],
  codeDir: string,
  lang: Lang,
  cwd = process.cwd(),
): string {
  if (errors.length === 0) return '';
  // The same error from every invocation is one entry, with a count.
  const seen = new Map<string, { error: FunctionError; count: number }>();
  for (const error of errors) {
    const key = `${error.functionName}\n${error.kind}\n${error.errorType}\n${error.errorMessage}`;
    const entry = seen.get(key);
    if (entry) entry.count++;
    else seen.set(key, { error, count: 1 });
  }
  const lines = [
    pick(
      tr('What your function reported (from its log group):', '함수가 보고한 오류 (로그 그룹에서):'),
      lang,
    ),
  ];
  for (const { error, count } of seen.values()) {
    const times = count > 1 ? pick(tr(` (${count} times)`, ` (${count}번)`), lang) : '';
    lines.push(`  ✗ ${error.functionName}: ${pick(kindLine(error), lang)}${times}`);
    lines.push(`      ${error.errorType}: ${error.errorMessage.split('\n')[0]}`);
    const where = locate(error.stack, codeDir);
    if (where) {
      const shown = shownPath(where.file, cwd);
      lines.push(`      ${pick(tr('at', '위치'), lang)} ${shown}:${where.line}:${where.column}`);
      const source = sourceLine(where);
      if (source !== undefined) lines.push(`      ${String(where.line).padStart(4)} | ${source}`);
    } else if (error.stack.length > 0 && error.kind !== 'timeout') {
      lines.push(
        `      ${pick(tr('(no line of your own file is on the stack: the error came from a library call; its message says what it refused)', '(스택에 여러분 파일의 줄이 없습니다: 라이브러리 호출에서 난 오류이며, 메시지가 무엇을 거부했는지 알려 줍니다)'), lang)}`,
      );
    }
  }
  return lines.join('\n');
}

/** Relative to where the learner stands when the file is below it, absolute otherwise. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function sourceLine(where: SourceLocation): string | undefined {
  try {
    return readFileSync(where.file, 'utf8').split('\n')[where.line - 1]?.trimEnd();
  } catch {
    return undefined;
  }
}
