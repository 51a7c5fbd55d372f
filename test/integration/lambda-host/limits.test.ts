/**
 * Lambda's limits against hostile functions: memory (the sandbox is killed at its MemorySize),
 * the 6 MB synchronous response, the log-event size, and bounded, linear reading of whatever a
 * function prints (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html).
 */

import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InvokeOutcome, LogLine } from '../../../emulator/contracts.ts';
import { LambdaHost } from '../../../emulator/lambda/host.ts';
import { MAX_LOG_EVENT_BYTES, MAX_RESPONSE_BYTES } from '../../../emulator/lambda/limits.ts';
import { CREDENTIALS, isAlive, scratchDir } from './harness.ts';
import { codeFolder, removeCodeFolders } from './stack-folder.ts';

const MB = 1024 * 1024;

/** What the host logged, without keeping hundreds of megabytes of it in the test itself. */
interface Seen {
  functionName: string;
  bytes: number;
  head: string;
}

let host: LambdaHost;
let buildDir: string;
const seen: Seen[] = [];

beforeAll(async () => {
  const code = codeFolder('hostile', {
    'one-gigabyte.js':
      'exports.handler = async () => { const b = Buffer.alloc(1024 * 1024 * 1024, 1); return b.length; };\n',
    'grows.js': `const kept = [];
exports.handler = async () => {
  for (let i = 0; i < 64; i++) {
    kept.push(Buffer.alloc(16 * 1024 * 1024, 1));
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log('survived 1 GB');
  return kept.length;
};
`,
    'small.js': 'exports.handler = async () => process.pid;\n',
    'flags.js': 'exports.handler = async () => ({ execArgv: process.execArgv, gc: typeof gc });\n',
    'responds.js':
      "exports.handler = async (event) => ({ pid: process.pid, body: 'x'.repeat(event.bytes) });\n",
    'prints.js': `exports.handler = async (event) => {
  const line = 'y'.repeat(event.bytes);
  for (let i = 0; i < event.lines; i++) {
    if (event.raw) process.stdout.write(line + '\\n');
    else console.log(line);
  }
  return 'printed';
};
`,
  });
  buildDir = scratchDir('limits');
  host = new LambdaHost({
    functions: [
      { name: 'oneGigabyte', entry: path.join(code, 'one-gigabyte.js'), memoryMB: 128 },
      { name: 'grows', entry: path.join(code, 'grows.js'), memoryMB: 128, timeoutSeconds: 30 },
      { name: 'small', entry: path.join(code, 'small.js'), memoryMB: 128 },
      { name: 'flags', entry: path.join(code, 'flags.js'), memoryMB: 128 },
      { name: 'responds', entry: path.join(code, 'responds.js'), memoryMB: 512, timeoutSeconds: 30 },
      { name: 'prints', entry: path.join(code, 'prints.js'), memoryMB: 1024, timeoutSeconds: 60 },
    ],
    region: 'ap-northeast-2',
    accountId: '123456789012',
    credentialsFor: () => CREDENTIALS,
    buildDir,
    onLog: (line: LogLine) =>
      seen.push({
        functionName: line.functionName,
        bytes: Buffer.byteLength(line.message),
        // A copy: a slice would keep the whole (up to 256 KB) message alive.
        head: Buffer.from(line.message.slice(0, 300)).toString(),
      }),
  });
  await host.start();
});

afterAll(async () => {
  await host?.stop();
  rmSync(buildDir, { recursive: true, force: true });
  removeCodeFolders();
});

function report(requestId: string): string | undefined {
  return seen.find((l) => l.head.startsWith(`REPORT RequestId: ${requestId}`))?.head;
}

function pidOf(outcome: InvokeOutcome): number {
  if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
  return outcome.payload as number;
}

describe('memory', () => {
  it('kills a 128 MB function that allocates 1 GB at once, as Lambda reports it', async () => {
    const outcome = await host.invoke('oneGigabyte', {});
    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${outcome.requestId} Error: Runtime exited with error: signal: killed`,
    });
    const line = report(outcome.requestId);
    expect(line).toMatch(/\tMemory Size: 128 MB\tMax Memory Used: 128 MB\t/);
    expect(line).toMatch(/\tStatus: error\tError Type: Runtime\.OutOfMemory\t$/);
    expect(host.stats('oneGigabyte').instances).toBe(0);
  });

  it('kills a function while it grows, before it gets anywhere near 1 GB', async () => {
    const outcome = await host.invoke('grows', {});
    expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.OutOfMemory' });
    expect(seen.some((l) => l.functionName === 'grows' && l.head.includes('survived 1 GB'))).toBe(false);
    // The next invocation gets a fresh instance, which is killed the same way.
    expect(await host.invoke('grows', {})).toMatchObject({ ok: false, errorType: 'Runtime.OutOfMemory' });
  });

  it('leaves a function within its memory alone, and reports what it used', async () => {
    const outcome = await host.invoke('small', {});
    expect(isAlive(pidOf(outcome))).toBe(true);
    const used = Number(/Max Memory Used: (\d+) MB/.exec(report(outcome.requestId) ?? '')?.[1]);
    expect(used).toBeGreaterThan(10);
    expect(used).toBeLessThanOrEqual(128);
  });

  // Lambda's Node.js bootstrap sizes V8's heap to MemorySize: new space a tenth, old space the rest.
  it('starts node with the heap flags Lambda gives a 128 MB function', async () => {
    const outcome = await host.invoke('flags', {});
    expect(outcome).toMatchObject({
      ok: true,
      payload: {
        gc: 'function',
        execArgv: expect.arrayContaining(['--max-semi-space-size=6', '--max-old-space-size=116']),
      },
    });
  });
});

describe('response size', () => {
  it('refuses a 40 MB response with Function.ResponseSizeTooLarge, and the instance lives on', async () => {
    const outcome = await host.invoke('responds', { bytes: 40 * MB });
    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
    const next = await host.invoke('responds', { bytes: 10 });
    expect(next).toMatchObject({ ok: true, payload: { body: 'x'.repeat(10) } });
    expect(host.stats('responds').instances).toBe(1);
  });

  it('accepts a response just under 6 MB', async () => {
    const bytes = MAX_RESPONSE_BYTES - 100;
    const outcome = await host.invoke('responds', { bytes });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect((outcome.payload as { body: string }).body.length).toBe(bytes);
  });
});

describe('log lines', () => {
  it(`cuts a line at the log-event limit (${MAX_LOG_EVENT_BYTES} bytes), console or raw stdout`, async () => {
    for (const raw of [false, true]) {
      const before = seen.length;
      expect(await host.invoke('prints', { bytes: 1 * MB, lines: 2, raw })).toMatchObject({ ok: true });
      // Raw stdout travels apart from the result, so it may arrive just after it.
      const long = () => seen.slice(before).filter((l) => l.head.includes('yyyy'));
      await vi.waitFor(() => expect(long()).toHaveLength(2), { timeout: 10_000 });
      for (const line of long()) expect(line.bytes).toBe(MAX_LOG_EVENT_BYTES);
    }
  });

  it('prints 400 lines of 1 MB without growing the host by hundreds of megabytes', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    try {
      expect(await host.invoke('prints', { bytes: 1 * MB, lines: 400 })).toMatchObject({ ok: true });
    } finally {
      clearInterval(sample);
    }
    // Each line is cut to 256 KB in the instance; the host holds one line at a time (was 624 MB).
    expect((peak - before) / MB).toBeLessThan(64);
  });

  it('reads one 64 MB line without stalling the event loop', async () => {
    for (const raw of [false, true]) {
      const before = seen.length;
      const cpu = process.cpuUsage();
      const outcome = await host.invoke('prints', { bytes: 64 * MB, lines: 1, raw });
      await vi.waitFor(() => expect(seen.slice(before).some((l) => l.head.includes('yyyy'))).toBe(true), {
        timeout: 20_000,
      });
      expect(outcome).toMatchObject({ ok: true });
      // CPU time, not wall time: on a loaded machine the loop waits for a core, not for us. Before
      // the line reader was linear, one such line held the host's loop for 2.7 s of work.
      const used = process.cpuUsage(cpu);
      expect((used.user + used.system) / 1000).toBeLessThan(1_000);
    }
  });
});
