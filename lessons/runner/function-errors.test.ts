import { describe, expect, it } from 'vitest';
import { formatFunctionErrors, locate, parseErrorLine } from './function-errors.ts';

describe('function errors from log lines', () => {
  it('reads the runtime error lines, the timeout and the runtime exit', () => {
    const invoke = parseErrorLine(
      'fn',
      `2026-01-01T00:00:00.000Z\tabc\tERROR\tInvoke Error \t${JSON.stringify({
        errorType: 'TypeError',
        errorMessage: 'x is undefined',
        stack: ['TypeError: x is undefined', '    at handler (file:///work/ex/handler.ts:7:3)'],
      })}`,
    );
    expect(invoke).toMatchObject({ kind: 'invoke', errorType: 'TypeError', errorMessage: 'x is undefined' });
    expect(
      parseErrorLine(
        'fn',
        `t\tundefined\tERROR\tUncaught Exception \t{"errorType":"Runtime.ImportModuleError","errorMessage":"m","stack":[]}`,
      ),
    ).toMatchObject({ kind: 'init' });
    expect(
      parseErrorLine('fn', '2026-01-01T00:00:00.000Z abc Task timed out after 3.00 seconds'),
    ).toMatchObject({
      kind: 'timeout',
      errorMessage: 'Task timed out after 3.00 seconds',
    });
    expect(
      parseErrorLine(
        'fn',
        'RequestId: abc Error: Runtime exited with error: signal: killed\nRuntime.ExitError',
      ),
    ).toMatchObject({ kind: 'exit' });
    expect(parseErrorLine('fn', 'START RequestId: abc Version: $LATEST')).toBeUndefined();
    expect(parseErrorLine('fn', 'INFO\tInvoke Error \t{not json')).toBeUndefined();
  });

  it('finds the first frame inside the learner folder, past library frames', () => {
    const stack = [
      'Error: boom',
      '    at Object.send (/repo/node_modules/@smithy/core/index.js:1:1)',
      '    at helper (/work/ex/util.ts:3:9)',
      '    at file:///work/ex/handler.ts:12:5',
    ];
    expect(locate(stack, '/work/ex')).toEqual({ file: '/work/ex/util.ts', line: 3, column: 9 });
    expect(locate(stack, '/work/other')).toBeUndefined();
    expect(locate(['    at async handler (file:///work/ex/handler.ts:12:5)'], '/work/ex/')).toEqual({
      file: '/work/ex/handler.ts',
      line: 12,
      column: 5,
    });
  });

  it('prints each distinct error once with a count, in both languages', () => {
    const error = {
      functionName: 'fn',
      kind: 'invoke' as const,
      errorType: 'E',
      errorMessage: 'm',
      stack: [],
    };
    const en = formatFunctionErrors([error, { ...error }], '/x', 'en');
    expect(en).toContain('fn: the handler threw (2 times)');
    expect(formatFunctionErrors([error], '/x', 'ko')).toContain('fn: 핸들러가 예외를 던졌습니다');
    expect(formatFunctionErrors([], '/x', 'en')).toBe('');
  });
});
