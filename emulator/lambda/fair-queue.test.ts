import { describe, expect, it } from 'vitest';
import { FairQueue, QueueAbortedError } from './fair-queue.ts';

describe('FairQueue', () => {
  it('serves keys round-robin, each key in its own order', async () => {
    const q = new FairQueue<number>();
    const got: string[] = [];
    const wait = (key: string, label: string) => q.enqueue(key, undefined).then(() => got.push(label));
    const all = [wait('a', 'a1'), wait('a', 'a2'), wait('a', 'a3'), wait('b', 'b1'), wait('c', 'c1')];
    for (let i = 0; i < 5; i++) {
      const key = q.nextKey();
      if (key === undefined) throw new Error('nobody waits');
      q.serve(key, i);
    }
    await Promise.all(all);
    expect(got).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
    expect(q.size).toBe(0);
  });

  it('skips keys that may not be served now, without losing their turn', () => {
    const q = new FairQueue<number>();
    void q.enqueue('flood');
    void q.enqueue('victim');
    expect(q.nextKey((k) => k !== 'flood')).toBe('victim');
    expect(q.nextKey()).toBe('flood');
  });

  it('drops a waiter whose signal aborts: it is never served', async () => {
    const q = new FairQueue<number>();
    const abort = new AbortController();
    const dropped = q.enqueue('a', abort.signal);
    const kept = q.enqueue('b');
    abort.abort();
    await expect(dropped).rejects.toBeInstanceOf(QueueAbortedError);
    expect(q.size).toBe(1);
    expect(q.nextKey()).toBe('b');
    q.serve('b', 7);
    await expect(kept).resolves.toBe(7);
  });
});
