/**
 * Runtimes: each Node function runs on the Node major its runtime names, Python functions on
 * Debian's python3 with AWS's handler contract, and nodejs24.x refuses callback handlers.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_HANDLER_MESSAGE } from '../../../emulator/lambda/runtimes/handler-contract.ts';
import { traceKeyOf, traceKeyOfRequest } from '../../../emulator/lambda/trace-header.ts';
import { type Harness, REPO, startHost } from './harness.ts';

const fixture = (file: string) => path.join(REPO, 'test/fixtures/runtimes', file);

let h: Harness;

beforeAll(async () => {
  h = await startHost([
    { name: 'on22', entry: fixture('version.mjs'), runtime: 'nodejs22.x' },
    { name: 'on24', entry: fixture('version.mjs'), runtime: 'nodejs24.x' },
    { name: 'callback22', entry: fixture('callback.cjs'), runtime: 'nodejs22.x' },
    { name: 'callback24', entry: fixture('callback.cjs'), runtime: 'nodejs24.x' },
    { name: 'py', entry: fixture('echo.py'), runtime: 'python3.12', memoryMB: 256, timeoutSeconds: 5 },
    { name: 'pySlow', entry: fixture('slow.py'), runtime: 'python3.11', timeoutSeconds: 1 },
    { name: 'pyImport', entry: fixture('missing_import.py'), runtime: 'python3.11' },
  ]);
});

afterAll(async () => {
  await h?.close();
});

describe('Node.js runtimes', () => {
  it.each([
    ['on22', 22],
    ['on24', 24],
  ])('%s runs on the Node major its runtime names, and says so in AWS_EXECUTION_ENV', async (name, major) => {
    const outcome = await h.host.invoke(name, { hello: 'world' });
    if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
    const payload = outcome.payload as {
      version: string;
      executionEnv: string;
      execArgv: string[];
      echo: unknown;
    };
    expect(payload.version).toMatch(new RegExp(`^v${major}\\.`));
    // Lambda turns off require(esm) and module detection on nodejs22.x, not on nodejs24.x.
    expect(payload.execArgv.includes('--no-experimental-require-module')).toBe(major === 22);
    expect(payload.executionEnv).toBe(`AWS_Lambda_nodejs${major}.x`);
    expect(payload.echo).toEqual({ hello: 'world' });
  });

  it('runs a callback-style handler on nodejs22.x', async () => {
    const outcome = await h.host.invoke('callback22', { n: 1 });
    if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
    expect(outcome.payload).toMatchObject({ echo: { n: 1 } });
    expect((outcome.payload as { version: string }).version).toMatch(/^v22\./);
  });

  // aws-lambda-nodejs-runtime-interface-client: errorOnDeprecatedCallback, at init.
  it('refuses a callback-style handler on nodejs24.x as Lambda does', async () => {
    const outcome = await h.host.invoke('callback24', { n: 1 });
    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'Runtime.CallbackHandlerDeprecated',
      errorMessage: CALLBACK_HANDLER_MESSAGE,
    });
    const lines = h.logs.filter((l) => l.functionName === 'callback24').map((l) => l.message);
    expect(lines.some((l) => l.includes('Runtime.CallbackHandlerDeprecated'))).toBe(true);
  });
});

describe('Python runtime', () => {
  it('passes the event and the documented context, and returns the handler’s value', async () => {
    const outcome = await h.host.invoke('py', { text: '안녕' });
    if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
    const payload = outcome.payload as Record<string, unknown>;
    expect(payload).toMatchObject({
      echo: { text: '안녕' },
      requestId: outcome.requestId,
      functionName: 'py',
      memory: '256',
      arn: 'arn:aws:lambda:ap-northeast-2:123456789012:function:py',
      logGroup: '/aws/lambda/py',
    });
    expect(payload.logStream).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(payload.remaining).toBeGreaterThan(0);
    expect(payload.remaining).toBeLessThanOrEqual(5_000);
    // Lambda's per-invocation X-Ray header, which botocore forwards (the trace attributes calls by it).
    expect(traceKeyOf(payload.traceHeader as string)).toBe(traceKeyOfRequest(outcome.requestId));
  });

  it('logs print output and logging lines in the runtime’s format, between START and REPORT', async () => {
    const outcome = await h.host.invoke('py', { n: 2 });
    const lines = h.linesOf(outcome.requestId);
    expect(lines[0]).toMatch(/^START RequestId: /);
    expect(lines).toContain('handling {"n": 2}');
    const info = lines.find((l) => l.startsWith('[INFO]'));
    expect(info).toMatch(
      new RegExp(
        `^\\[INFO\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${outcome.requestId}\\tremaining \\d+$`,
      ),
    );
    expect(lines.at(-1)).toMatch(/^REPORT RequestId: /);
    expect(h.logs.some((l) => l.functionName === 'py' && l.message === 'init: loaded')).toBe(true);
  });

  it('reports an exception as the Python runtime formats it', async () => {
    const outcome = await h.host.invoke('py', { fail: true });
    expect(outcome).toMatchObject({ ok: false, errorType: 'ValueError', errorMessage: 'asked to fail' });
    const lines = h.linesOf(outcome.requestId);
    const error = lines.find((l) => l.startsWith('[ERROR] ValueError: asked to fail'));
    expect(error).toContain('Traceback (most recent call last):');
    expect(error).toContain('echo.py');
  });

  it('times out as Lambda does, and discards the instance', async () => {
    const outcome = await h.host.invoke('pySlow', { seconds: 3 });
    expect(outcome).toMatchObject({ ok: false, errorType: 'Sandbox.Timedout' });
    if (outcome.ok) return;
    expect(outcome.errorMessage).toContain('Task timed out after 1.00 seconds');
    await expect.poll(() => h.host.stats('pySlow').instances).toBe(0);
  });

  it('fails every invocation with Runtime.ImportModuleError when the module cannot import', async () => {
    for (let i = 0; i < 2; i++) {
      const outcome = await h.host.invoke('pyImport', {});
      expect(outcome).toMatchObject({
        ok: false,
        errorType: 'Runtime.ImportModuleError',
        errorMessage: "Unable to import module 'missing_import': No module named 'not_a_module_anywhere'",
      });
    }
  });

  it('keeps module state in a warm instance (the instance is frozen, not restarted)', async () => {
    const before = h.host.stats('py').instances;
    await h.host.invoke('py', {});
    expect(h.host.stats('py')).toMatchObject({ instances: before, frozen: before });
  });
});
