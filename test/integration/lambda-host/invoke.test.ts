/** One invocation at a time: event, context, environment, results, errors and log lines. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, type Harness, startHost } from './harness.ts';
import { wsMessageEvent } from './ws-event.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHost(
    [
      {
        name: 'inspect',
        entry: fixture('inspect.ts'),
        memoryMB: 256,
        timeoutSeconds: 30,
        environment: { USER_TABLE: 'User', AWS_REGION: 'us-east-1', _WORKBENCH_AWS_REDIRECT: '10.0.0.1:1' },
      },
      { name: 'logs', entry: fixture('logs.ts') },
      { name: 'logsError', entry: fixture('logs-error.ts') },
      { name: 'throws', entry: fixture('throws.ts') },
      // Callback handlers: nodejs22.x still runs them (nodejs24.x refuses them, see runtimes.test.ts).
      { name: 'callbackWaits', entry: fixture('callback-waits.ts'), runtime: 'nodejs22.x' },
      { name: 'callbackError', entry: fixture('callback-error.cjs'), runtime: 'nodejs22.x' },
      { name: 'noHandler', entry: fixture('no-handler.ts') },
      { name: 'initThrows', entry: fixture('init-throws.ts') },
      { name: 'customHandler', entry: fixture('no-handler.ts'), handler: 'handle' },
      { name: 'bigPayload', entry: fixture('big-payload.ts') },
      { name: 'neverSettles', entry: fixture('never-settles.ts') },
    ],
    {
      // What the emulator shares: the endpoint redirect, the runtime's own (underscore) variable.
      sharedEnv: { _WORKBENCH_AWS_REDIRECT: '127.0.0.1:4443', AWS_CA_BUNDLE: '/nonexistent/ca.pem' },
    },
  );
});

afterAll(async () => {
  await h?.close();
});

describe('event, context and environment', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
  it('passes the event unchanged and the documented context', async () => {
    const event = wsMessageEvent('{"username":"철수","content":"ㄱㄴ"}');
    const outcome = await h.host.invoke('inspect', event);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const payload = outcome.payload as { event: unknown; context: Record<string, unknown> };
    expect(payload.event).toEqual(event);
    expect(payload.context).toMatchObject({
      functionName: 'inspect',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:ap-northeast-2:123456789012:function:inspect',
      memoryLimitInMB: '256',
      awsRequestId: outcome.requestId,
      logGroupName: '/aws/lambda/inspect',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(payload.context.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    const remaining = payload.context.remainingTimeInMillis as number;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(30_000);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
  it('sets the reserved runtime variables, the role credentials and the configured variables', async () => {
    const outcome = await h.host.invoke('inspect', {});
    if (!outcome.ok) throw new Error(outcome.errorMessage);
    const { env, context, timezoneOffset } = outcome.payload as {
      env: Record<string, string>;
      context: { logStreamName: string };
      timezoneOffset: number;
    };
    expect(env).toMatchObject({
      AWS_ACCESS_KEY_ID: 'ASIAQUIZROLEEXAMPLE1',
      AWS_SECRET_ACCESS_KEY: 'quiz-secret',
      AWS_SESSION_TOKEN: 'quiz-session-token',
      // Reserved keys win over the function's configuration, as Lambda does not let it set them.
      AWS_REGION: 'ap-northeast-2',
      AWS_DEFAULT_REGION: 'ap-northeast-2',
      AWS_LAMBDA_FUNCTION_NAME: 'inspect',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/inspect',
      AWS_LAMBDA_LOG_STREAM_NAME: context.logStreamName,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      TZ: ':UTC',
      _HANDLER: 'index.handler',
      USER_TABLE: 'User',
      // The function's own value cannot move the runtime's redirect.
      _WORKBENCH_AWS_REDIRECT: '127.0.0.1:4443',
      AWS_CA_BUNDLE: '/nonexistent/ca.pem',
    });
    expect(env.MANAGEMENT_ENDPOINT).toBeUndefined();
    expect(env.LAMBDA_TASK_ROOT).toContain(h.buildDir);
    expect(timezoneOffset).toBe(0);
  });

  it('does not leak the host process environment into the function', async () => {
    process.env.LAMBDA_HOST_TEST_SECRET = 'host-only';
    try {
      const outcome = await h.host.invoke('customHandler', {});
      expect(outcome).toMatchObject({ ok: true, payload: 'never called' });
      const inspected = await h.host.invoke('inspect', {});
      if (!inspected.ok) throw new Error(inspected.errorMessage);
      expect((inspected.payload as { env: Record<string, string> }).env).not.toHaveProperty(
        'LAMBDA_HOST_TEST_SECRET',
      );
    } finally {
      delete process.env.LAMBDA_HOST_TEST_SECRET;
    }
  });
});

describe('results and errors', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
  it('reports a thrown error as errorType = name, errorMessage = message, with a trace into the TS source', async () => {
    const outcome = await h.host.invoke('throws', { message: '정답이 아닙니다' });
    expect(outcome).toMatchObject({ ok: false, errorType: 'QuizError', errorMessage: '정답이 아닙니다' });
    const trace = (outcome as { trace?: string[] }).trace ?? [];
    expect(trace[0]).toBe('QuizError: 정답이 아닙니다');
    expect(trace.join('\n')).toMatch(/test\/fixtures\/functions\/throws\.ts:\d+:\d+/);
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html (callback-based handlers)
  it('reports an error passed to the callback', async () => {
    const outcome = await h.host.invoke('callbackError', {});
    expect(outcome).toMatchObject({ ok: false, errorType: 'TypeError', errorMessage: 'bad input' });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html: with the callback, the
  // runtime waits for the event loop to empty unless callbackWaitsForEmptyEventLoop is false.
  it('waits for the event loop after callback() by default, and not when told not to', async () => {
    const waited = await h.host.invoke('callbackWaits', { wait: true });
    expect(waited).toMatchObject({ ok: true, payload: { via: 'callback' } });
    expect(h.linesOf(waited.requestId).some((l) => l.endsWith('timer after callback ran'))).toBe(true);

    const immediate = await h.host.invoke('callbackWaits', { wait: false });
    expect(immediate).toMatchObject({ ok: true, payload: { via: 'callback' } });
    expect(h.linesOf(immediate.requestId).some((l) => l.endsWith('timer after callback ran'))).toBe(false);
  });

  it('uses the configured handler export name', async () => {
    expect(await h.host.invoke('customHandler', {})).toMatchObject({ ok: true, payload: 'never called' });
  });

  // Synchronous invocation payloads go up to 6 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
  it('returns a multi-megabyte payload intact', async () => {
    const outcome = await h.host.invoke('bigPayload', { bytes: 3 * 1024 * 1024 });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const text = (outcome.payload as { text: string }).text;
    expect(text.length).toBe(1024 * 1024);
    expect(text).toBe('가'.repeat(1024 * 1024));
  });

  // The runtime answers null when the event loop empties before the handler completes.
  it('answers null when the handler never completes and nothing is left to run', async () => {
    expect(await h.host.invoke('neverSettles', {})).toMatchObject({ ok: true, payload: null });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html (handler naming)
  it('fails with Runtime.HandlerNotFound when the module lacks the handler export', async () => {
    const outcome = await h.host.invoke('noHandler', {});
    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib
  it('fails every invocation with the init error when the module throws while loading', async () => {
    for (let i = 0; i < 2; i++) {
      const outcome = await h.host.invoke('initThrows', {});
      expect(outcome).toMatchObject({
        ok: false,
        errorType: 'Error',
        errorMessage: 'table name missing from configuration',
      });
    }
    // Each attempt is a fresh init, logged with the request id `undefined` as the runtime does.
    const initLogs = h.logs.filter(
      (l) => l.functionName === 'initThrows' && /\tundefined\tINFO\tinit attempt 1$/.test(l.message),
    );
    expect(initLogs).toHaveLength(2);
  });

  // https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#API_Invoke_Errors
  it('answers ResourceNotFoundException for a function it does not host', async () => {
    const outcome = await h.host.invoke('Chat', {});
    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'ResourceNotFoundException',
      errorMessage: 'Function not found: arn:aws:lambda:ap-northeast-2:123456789012:function:Chat',
    });
  });
});

describe('log lines', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
  it('formats console output like the Node.js runtime, between START and END/REPORT', async () => {
    const outcome = await h.host.invoke('logs', {});
    const id = outcome.requestId;
    const lines = h.linesOf(id);
    const iso = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
    expect(lines[0]).toBe(`START RequestId: ${id} Version: $LATEST`);
    expect(lines.slice(1, 6)).toEqual([
      expect.stringMatching(new RegExp(`^${iso}\\t${id}\\tINFO\\tcount=3 name=초성$`)),
      expect.stringMatching(new RegExp(`^${iso}\\t${id}\\tINFO\\t\\{ room: 'lobby' \\}$`)),
      expect.stringMatching(new RegExp(`^${iso}\\t${id}\\tWARN\\tcareful$`)),
      // One log event for one console call, newlines kept.
      expect.stringMatching(new RegExp(`^${iso}\\t${id}\\tERROR\\tfirst line\\nsecond line$`)),
      expect.stringMatching(new RegExp(`^${iso}\\t${id}\\tDEBUG\\tdetails$`)),
    ]);
    expect(lines[6]).toBe(`END RequestId: ${id}`);
    expect(lines[7]).toMatch(
      new RegExp(
        `^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms\\t$`,
      ),
    );
    // Stored lines are read back in time order (CloudWatch's order), so the times must agree too.
    const times = h.logs.filter((l) => l.message.includes(id)).map((l) => l.timestamp);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const streams = new Set(h.logs.filter((l) => l.functionName === 'logs').map((l) => l.logStream));
    expect(streams.size).toBe(1);
    expect(h.logs.find((l) => l.functionName === 'logs')?.logGroup).toBe('/aws/lambda/logs');
  });

  // The bundle's source map sits beside it and is decoded only when a stack is printed: the stack
  // console.error prints must still name the TypeScript file, line and column, frame by frame.
  it('prints console.error(err) with a stack into the TypeScript source', async () => {
    const outcome = await h.host.invoke('logsError', {});
    expect(outcome).toMatchObject({ ok: true, payload: 'logged' });
    const source = readFileSync(fixture('logs-error.ts'), 'utf8').split('\n');
    const throwLine = source.findIndex((l) => l.includes('throw new RangeError')) + 1;
    const callLine = source.findIndex((l) => l.includes('failingCall();')) + 1;
    const error = h.linesOf(outcome.requestId).find((l) => l.includes('\tERROR\t'));
    expect(error).toMatch(/\tERROR\tRangeError: room is full\n/);
    const frames = (error ?? '').split('\n').slice(1, 3);
    expect(frames[0]).toMatch(
      new RegExp(`^ {4}at failingCall \\(\\S*test/fixtures/functions/logs-error\\.ts:${throwLine}:9\\)$`),
    );
    expect(frames[1]).toMatch(
      new RegExp(`^ {4}at handler \\(\\S*test/fixtures/functions/logs-error\\.ts:${callLine}:5\\)$`),
    );
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html: Init Duration only on a cold start.
  it('reports Init Duration on the first invocation of an instance only', async () => {
    const again = await h.host.invoke('logs', {});
    const report = h.linesOf(again.requestId).at(-1);
    expect(report).toMatch(/^REPORT RequestId: /);
    expect(report).not.toContain('Init Duration');
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
  it('logs an invocation error as the runtime does', async () => {
    const outcome = await h.host.invoke('throws', { message: 'logged' });
    const errorLine = h.linesOf(outcome.requestId).find((l) => l.includes('\tERROR\tInvoke Error \t'));
    expect(errorLine).toBeDefined();
    const json = JSON.parse(errorLine?.split('Invoke Error \t')[1] ?? '{}');
    expect(json).toMatchObject({ errorType: 'QuizError', errorMessage: 'logged' });
    expect(json.stack[0]).toBe('QuizError: logged');
  });
});
