/**
 * Every process an instance starts dies with it, as everything in a Lambda sandbox does:
 * detached children (which leave the process group) and orphans too, whether the instance ends
 * by timeout, by exceeding its memory, by being reclaimed when idle, or by the host stopping.
 * Checked against /proc, not against what the host believes.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { InvokeOutcome } from '../../../emulator/contracts.ts';
import { LambdaHost } from '../../../emulator/lambda/host.ts';
import type { FunctionSpec } from '../../../emulator/stack.ts';
import { CREDENTIALS, isRunning, scratchDir } from './harness.ts';
import { codeFolder, removeCodeFolders } from './stack-folder.ts';

// A detached sleeper (its own session) and an orphan (its parent shell exits at once, so it is
// reparented away from the instance), then whatever `after` says: return, hang, or eat memory.
const SPAWNER = `const { spawn, execFileSync } = require('node:child_process');
exports.handler = async (event) => {
  const detached = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
  detached.unref();
  const orphan = Number(execFileSync('sh', ['-c', 'sleep 600 >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' }).trim());
  const pids = { instance: process.pid, detached: detached.pid, orphan };
  if (event.after === 'hang') {
    console.log(JSON.stringify(pids));
    await new Promise((r) => setTimeout(r, 600_000));
  }
  if (event.after === 'eat') {
    console.log(JSON.stringify(pids));
    const kept = [];
    for (;;) {
      kept.push(Buffer.alloc(16 * 1024 * 1024, 1));
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return pids;
};
`;

// Keeps one detached child across invocations and says what state /proc gives it while running.
const KEEPER = `const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
let child;
const state = (pid) => { const stat = readFileSync('/proc/' + pid + '/stat', 'utf8'); return stat.charAt(stat.lastIndexOf(')') + 2); };
exports.handler = async () => {
  if (!child) {
    child = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
    child.unref();
  }
  return { pid: child.pid, state: state(child.pid) };
};
`;

/** The state letter /proc gives a process (S sleeping, T stopped, …). */
function stateOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.charAt(stat.lastIndexOf(')') + 2);
}

type Pids = { instance: number; detached: number; orphan: number };
const hosts: Array<{ host: LambdaHost; buildDir: string }> = [];
const notices: string[] = [];
let loggedPids: Pids[] = [];

async function startWith(spec: Partial<FunctionSpec>, idleInstanceMs?: number): Promise<LambdaHost> {
  const code = codeFolder('spawner', { 'index.js': SPAWNER, 'keeper.js': KEEPER });
  const buildDir = scratchDir('processes');
  const host = new LambdaHost({
    functions: [
      { name: 'spawner', entry: path.join(code, 'index.js'), memoryMB: 128, ...spec },
      { name: 'keeper', entry: path.join(code, 'keeper.js'), memoryMB: 128 },
    ],
    region: 'ap-northeast-2',
    accountId: '123456789012',
    credentialsFor: () => CREDENTIALS,
    buildDir,
    idleInstanceMs,
    onNotice: (line) => notices.push(line),
    onLog: (line) => {
      const json = /\tINFO\t(\{"instance".*\})$/.exec(line.message)?.[1];
      if (json) loggedPids.push(JSON.parse(json) as Pids);
    },
  });
  hosts.push({ host, buildDir });
  await host.start();
  return host;
}

function pidsOf(outcome: InvokeOutcome): Pids {
  if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
  return outcome.payload as Pids;
}

async function expectAllGone(pids: Pids): Promise<void> {
  await vi.waitFor(
    () => {
      expect(isRunning(pids.instance)).toBe(false);
      expect(isRunning(pids.detached)).toBe(false);
      expect(isRunning(pids.orphan)).toBe(false);
    },
    { timeout: 5_000, interval: 50 },
  );
}

afterEach(async () => {
  for (const { host, buildDir } of hosts.splice(0)) {
    await host.stop();
    rmSync(buildDir, { recursive: true, force: true });
  }
  loggedPids = [];
});

afterAll(() => removeCodeFolders());

describe('processes an instance started', () => {
  it('outlive neither a frozen instance nor the host stopping', async () => {
    const host = await startWith({});
    const pids = pidsOf(await host.invoke('spawner', {}));
    // While the instance lives (frozen), so do its children: they are its business.
    expect([pids.instance, pids.detached, pids.orphan].map(isRunning)).toEqual([true, true, true]);
    await host.stop();
    await expectAllGone(pids);
  });

  // lambda-runtime-environment.html: between invocations the whole execution environment is frozen.
  it('freeze with the instance between invocations and thaw with it', async () => {
    const host = await startWith({});
    const first = (await host.invoke('keeper', {})) as { ok: true; payload: { pid: number; state: string } };
    expect(first.payload.state).not.toBe('T');
    // A signalled sleeper wakes (R) to take the stop, then stops (T).
    await vi.waitFor(() => expect(stateOf(first.payload.pid)).toBe('T'));
    const second = (await host.invoke('keeper', {})) as { ok: true; payload: { pid: number; state: string } };
    // Running again while the handler runs (S, or R just after its SIGCONT).
    expect(second.payload.pid).toBe(first.payload.pid);
    expect(second.payload.state).not.toBe('T');
    await vi.waitFor(() => expect(stateOf(first.payload.pid)).toBe('T'));
  });

  it('die when the invocation times out', async () => {
    const host = await startWith({ timeoutSeconds: 1 });
    const outcome = await host.invoke('spawner', { after: 'hang' });
    expect(outcome).toMatchObject({ ok: false, errorType: 'Sandbox.Timedout' });
    const [pids] = loggedPids;
    expect(pids).toBeDefined();
    await expectAllGone(pids as Pids);
  });

  it('die when the instance is killed for exceeding its memory', async () => {
    const host = await startWith({ timeoutSeconds: 30 });
    const outcome = await host.invoke('spawner', { after: 'eat' });
    expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.OutOfMemory' });
    await expectAllGone(loggedPids[0] as Pids);
  });

  it('die when an idle instance is reclaimed, which the host says', async () => {
    let collections = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const { kind } = (entry as PerformanceEntry & { detail: { kind: number } }).detail;
        if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) collections++;
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    const host = await startWith({}, 300);
    const pids = pidsOf(await host.invoke('spawner', {}));
    await expectAllGone(pids);
    expect(host.stats('spawner')).toMatchObject({ instances: 0 });
    expect(notices.some((n) => n.includes('spawner') && n.includes('reclaimed'))).toBe(true);
    // The host's last instance is gone: the emulator's process collects its heap (idle-gc.ts).
    await expect.poll(() => collections, { timeout: 5_000 }).toBeGreaterThan(0);
    observer.disconnect();
    // The next invocation is a cold start on a new instance.
    const next = pidsOf(await host.invoke('spawner', {}));
    expect(next.instance).not.toBe(pids.instance);
  });
});
