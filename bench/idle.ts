/**
 * Waits until a runtime's process tree stops using CPU, so one scenario's leftovers (a storm of
 * $disconnect invocations, a JIT warming up) are not billed to the next one. Bounded in time.
 */
import { readFileSync } from 'node:fs';
import { processTree } from './process-tree.ts';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

const treeTicks = (root: number) => processTree(root).reduce((sum, pid) => sum + cpuTicks(pid), 0);

/** Resolves with how long it waited; gives up (without failing) after `timeoutMs`. */
export async function waitForIdle(
  root: number,
  timeoutMs = 15_000,
  windowMs = 300,
  maxCores = 0.1,
): Promise<number> {
  const started = Date.now();
  let before = treeTicks(root);
  while (Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, windowMs));
    const after = treeTicks(root);
    const cores = (after - before) / TICKS_PER_SECOND / (windowMs / 1000);
    before = after;
    if (cores <= maxCores) break;
  }
  return Date.now() - started;
}
