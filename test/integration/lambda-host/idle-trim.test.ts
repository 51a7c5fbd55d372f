/**
 * An instance frozen for a while gives its heap back (instance.ts "idle trim",
 * runtime/heap-trim.ts) without anything of the function running: it stays frozen as Lambda
 * would keep it, and what it left pending runs on its next invocation, not before.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDLE_TRIM_MS } from '../../../emulator/lambda/instance.ts';
import { fixture, type Harness, scratchDir, startHost } from './harness.ts';

let h: Harness;
const scratch = scratchDir('idle-trim');

beforeAll(async () => {
  h = await startHost([{ name: 'churns', entry: fixture('churns-memory.ts'), memoryMB: 256 }]);
});

afterAll(async () => {
  await h?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** The process's private anonymous memory (heap, stacks), in MB, from /proc. */
function anonymousMb(pid: number): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return Number(/^Anonymous:\s+(\d+) kB/m.exec(rollup)?.[1]) / 1024;
}

const state = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.charAt(stat.lastIndexOf(')') + 2);
};

describe.runIf(process.platform === 'linux')('idle trim', () => {
  it('gives a frozen instance’s heap back, and runs nothing of the function meanwhile', async () => {
    const marker = path.join(scratch, 'marker');
    const first = await h.host.invoke('churns', { marker });
    if (!first.ok) throw new Error(first.errorMessage);
    const { pid } = first.payload as { pid: number };
    const busy = anonymousMb(pid);
    // The result is reported a moment before the instance stops itself.
    await expect.poll(() => state(pid), { timeout: 2_000, interval: 20 }).toBe('T');

    // Its young generation alone was 32 MB of semi-spaces after the loop.
    await expect
      .poll(() => anonymousMb(pid), { timeout: IDLE_TRIM_MS + 10_000, interval: 200 })
      .toBeLessThan(busy - 15);
    // Taken, and stopped again: the timer it left (due 10 ms after the result) has not run. The
    // heap shrinks while the collection runs, a moment before the instance stops itself again.
    expect(readdirSync(path.join(h.buildDir, 'runtime', 'trim'))).toEqual([]);
    await expect.poll(() => state(pid), { timeout: 2_000, interval: 20 }).toBe('T');
    expect(existsSync(marker)).toBe(false);

    // The next event finds the instance as it was: its pending timer runs now, in the same process.
    const second = await h.host.invoke('churns', { marker });
    expect(second).toMatchObject({ ok: true, payload: { pid } });
    await expect
      .poll(() => existsSync(marker) && readFileSync(marker, 'utf8'))
      .toContain(`timer ran in ${pid}`);
  });
});
