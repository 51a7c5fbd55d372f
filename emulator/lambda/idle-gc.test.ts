import { constants, PerformanceObserver } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { collectGarbageSoon, fullCollection, LAST_RESORT_GC } from './idle-gc.ts';

/** The full collections V8 reports from now on (Node's `gc` performance entries). */
function majorCollections(): { count: () => number; stop: () => void } {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as PerformanceEntry & { detail: { kind: number; flags: number } }).detail;
      if (detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) count++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return { count: () => count, stop: () => observer.disconnect() };
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('idle-gc', () => {
  it('runs a full collection in a node started without --expose-gc, and hides gc again', async () => {
    const seen = majorCollections();
    stop = seen.stop;
    fullCollection();
    await expect.poll(seen.count).toBeGreaterThan(0);
    // Only the context made for it got `gc`: neither this one nor a new one has it.
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    const { runInNewContext } = await import('node:vm');
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });

  // Node 20's V8 shrinks the young generation only once the last seconds allocated little.
  it.runIf(!LAST_RESORT_GC)('on Node 20, collects again after a quiet spell while still idle', async () => {
    const seen = majorCollections();
    stop = seen.stop;
    let asked = 0;
    collectGarbageSoon(() => {
      asked++;
      return true;
    });
    await expect.poll(seen.count, { timeout: 5_000 }).toBe(1);
    await expect.poll(seen.count, { timeout: 10_000, interval: 250 }).toBe(2);
    expect(asked).toBe(1);
  });

  it('collects for requests made together, and again for a later one', async () => {
    const seen = majorCollections();
    stop = seen.stop;
    collectGarbageSoon();
    collectGarbageSoon();
    collectGarbageSoon();
    await expect.poll(seen.count, { timeout: 5_000 }).toBeGreaterThan(0);
    // A collection is one (Node 20) or two (V8's last resort) full GCs, and nothing follows it.
    const afterOne = seen.count();
    expect(afterOne).toBe(LAST_RESORT_GC ? 2 : 1);
    collectGarbageSoon();
    await expect.poll(seen.count, { timeout: 5_000 }).toBe(afterOne * 2);
  });
});
