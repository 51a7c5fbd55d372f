/** Execution environments: reuse, concurrency, freezing, timeouts and process exits. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, type Harness, isAlive, scratchDir, startHost } from './harness.ts';
import { wsMessageEvent } from './ws-event.ts';

let h: Harness;
let scratch: string;

beforeAll(async () => {
  scratch = scratchDir('markers');
  h = await startHost(
    [
      { name: 'counter', entry: fixture('counter.ts') },
      { name: 'queued', entry: fixture('counter.ts') },
      { name: 'leavesTimer', entry: fixture('leaves-timer.ts') },
      { name: 'sleeps', entry: fixture('sleeps.ts'), timeoutSeconds: 1 },
      { name: 'exits', entry: fixture('exits.ts') },
      { name: 'uncaught', entry: fixture('uncaught.ts') },
      { name: 'rejects', entry: fixture('rejects-unawaited.ts') },
    ],
    { maxInstancesPerFunction: 3 },
  );
});

afterAll(async () => {
  await h?.close();
  rmSync(scratch, { recursive: true, force: true });
});

type Count = { count: number; pid: number };
const payload = (outcome: Awaited<ReturnType<Harness['host']['invoke']>>): Count => {
  if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
  return outcome.payload as Count;
};

describe('instances', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html (environment reuse)
  it('reuses one warm instance for sequential invocations, keeping module state', async () => {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++)
      counts.push(payload(await h.host.invoke('counter', wsMessageEvent('start!'))).count);
    expect(counts).toEqual([1, 2, 3]);
    expect(h.host.stats('counter')).toEqual({ instances: 1, idle: 1, busy: 0, frozen: 1 });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html
  it('gives concurrent invocations separate instances with separate module state', async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => h.host.invoke('queued', { holdMs: 200 }).then(payload)),
    );
    expect(results.map((r) => r.count)).toEqual([1, 1, 1]);
    expect(new Set(results.map((r) => r.pid)).size).toBe(3);
    expect(h.host.stats('queued')).toMatchObject({ instances: 3, busy: 0 });
  });

  // Reserved concurrency: https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
  // (AWS throttles beyond it; the host queues instead, so a workshop never loses a message.)
  it('queues invocations beyond maxInstancesPerFunction instead of starting more instances', async () => {
    const pending = [1, 2, 3, 4, 5].map(() => h.host.invoke('queued', { holdMs: 100 }).then(payload));
    await expect.poll(() => h.host.stats('queued').busy, { timeout: 5_000 }).toBe(3);
    const results = await Promise.all(pending);
    expect(new Set(results.map((r) => r.pid)).size).toBe(3);
    expect(h.host.stats('queued').instances).toBe(3);
  });
});

describe('freeze', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html: after the
  // handler returns, the environment is frozen; background work resumes only when reused.
  it('does not run work the handler left pending until the next invocation thaws the instance', async () => {
    const marker = path.join(scratch, 'marker.txt');
    const first = await h.host.invoke('leavesTimer', { marker, delayMs: 10 });
    expect(first).toMatchObject({ ok: true, payload: { returned: true } });
    expect(h.host.stats('leavesTimer').frozen).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(marker)).toBe(false);

    const other = path.join(scratch, 'second.txt');
    await h.host.invoke('leavesTimer', { marker: other, delayMs: 60_000 });
    await expect.poll(() => existsSync(marker), { timeout: 5_000 }).toBe(true);
    expect(readFileSync(marker, 'utf8')).toMatch(/^written by \d+\n$/);
  });
});

describe('timeout', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
  it('stops a handler at the function timeout and starts the next invocation on a fresh instance', async () => {
    const outcome = await h.host.invoke('sleeps', { ms: 5_000 });
    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'Sandbox.Timedout',
      errorMessage: `RequestId: ${outcome.requestId} Error: Task timed out after 1.00 seconds`,
    });
    const lines = h.linesOf(outcome.requestId);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^\\S+Z ${outcome.requestId} Task timed out after 1\\.00 seconds$`)),
    );
    expect(lines.at(-1)).toContain('Status: timeout');

    const next = await h.host.invoke('sleeps', { ms: 1 });
    // Module state started over: the timed-out instance was discarded.
    expect(next).toMatchObject({ ok: true, payload: { invocations: 1 } });
    expect(h.host.stats('sleeps').instances).toBe(1);
  });
});

describe('process exits', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html (Runtime.ExitError)
  it('reports Runtime.ExitError with the exit status when the process exits mid-invocation', async () => {
    const outcome = await h.host.invoke('exits', { code: 3 });
    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${outcome.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(h.linesOf(outcome.requestId)).toContain(
      `RequestId: ${outcome.requestId} Error: Runtime exited with error: exit status 3\nRuntime.ExitError`,
    );
    await expect.poll(() => h.host.stats('exits').instances, { timeout: 5_000 }).toBe(0);
  });

  // An uncaught exception fails the running invocation and ends the environment.
  it('fails the invocation on an uncaught exception and discards the instance', async () => {
    const outcome = await h.host.invoke('uncaught', {});
    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'RangeError',
      errorMessage: 'thrown from a timer',
    });
    expect(h.linesOf(outcome.requestId).some((l) => l.includes('\tERROR\tUncaught Exception \t'))).toBe(true);
    await expect.poll(() => h.host.stats('uncaught').instances, { timeout: 5_000 }).toBe(0);
  });

  // Node.js 20 ends the process on an unhandled rejection; the runtime reports it as
  // Runtime.UnhandledPromiseRejection (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html).
  it('fails the invocation on an unhandled promise rejection', async () => {
    const outcome = await h.host.invoke('rejects', {});
    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'Error: ConditionalCheckFailed',
    });
    await expect.poll(() => h.host.stats('rejects').instances, { timeout: 5_000 }).toBe(0);
  });
});

describe('stop', () => {
  it('kills every instance, frozen ones included', async () => {
    const local = await startHost([{ name: 'counter', entry: fixture('counter.ts') }]);
    const pids = (await Promise.all([1, 2].map(() => local.host.invoke('counter', { holdMs: 50 })))).map(
      (o) => payload(o).pid,
    );
    expect(pids.every(isAlive)).toBe(true);
    expect(local.host.stats().frozen).toBe(2);
    await local.close();
    expect(local.host.stats().instances).toBe(0);
    await expect.poll(() => pids.filter(isAlive), { timeout: 5_000 }).toEqual([]);
    expect(await local.host.invoke('counter', {})).toMatchObject({ ok: false });
  });
});
