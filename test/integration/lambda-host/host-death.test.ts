/**
 * Instances must not outlive their host, even frozen ones (a SIGSTOPped process cannot notice
 * anything until continued). The contract: SIGINT/SIGTERM stop every child process within 5 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, REPO, scratchDir } from './harness.ts';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'host-process.ts');
const started: ChildProcess[] = [];
const instancePids: number[] = [];
const buildDirs: string[] = [];

afterAll(() => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const pid of instancePids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
  for (const dir of buildDirs) rmSync(dir, { recursive: true, force: true });
});

/** Starts a host process and waits for its two frozen instances. */
async function hostWithFrozenInstances(
  mode: 'exit' | 'wait',
): Promise<{ child: ChildProcess; pids: number[] }> {
  const buildDir = scratchDir('death');
  buildDirs.push(buildDir);
  const child = spawn(process.execPath, ['--import', 'tsx', script, buildDir, mode], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  started.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.on('exit', (code) => reject(new Error(`host process exited (${code}) before reporting: ${out}`)));
  });
  const parsed = JSON.parse(line) as { pids: number[]; descendants: number[]; code: string; frozen: number };
  buildDirs.push(parsed.code);
  // Instances and the detached process one of them started: all must go with the host.
  const pids = [...parsed.pids, ...parsed.descendants];
  instancePids.push(...pids);
  expect(parsed.frozen).toBe(3);
  expect(pids.every(isRunning)).toBe(true);
  return { child, pids };
}

describe('instances die with their host', () => {
  it('when the host process is SIGKILLed', async () => {
    const { child, pids } = await hostWithFrozenInstances('wait');
    child.kill('SIGKILL');
    await expect.poll(() => pids.filter(isRunning), { timeout: 5_000 }).toEqual([]);
  });

  it('when the host process is SIGTERMed without a handler', async () => {
    const { child, pids } = await hostWithFrozenInstances('wait');
    child.kill('SIGTERM');
    await expect.poll(() => pids.filter(isRunning), { timeout: 5_000 }).toEqual([]);
  });

  it('when the host process exits without calling stop()', async () => {
    const { pids } = await hostWithFrozenInstances('exit');
    await expect.poll(() => pids.filter(isRunning), { timeout: 5_000 }).toEqual([]);
  });
});
