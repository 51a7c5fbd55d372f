/**
 * The wait line in front of a function's instances, fair between callers: each key (a WebSocket
 * connection) has its own line, and free instances go round-robin from key to key. One socket
 * sending two thousand messages therefore delays another socket's message by about one
 * invocation, not by the flood. A waiter whose signal aborts (its integration timed out) leaves
 * the line and never runs: its caller has already been told it failed. The pool also bounds how
 * many instances one key holds (see FunctionPool), so a flood cannot fill every instance either.
 */

export class QueueAbortedError extends Error {
  constructor() {
    super('The invocation waited longer than its caller allowed and was dropped before it started.');
    this.name = 'QueueAbortedError';
  }
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  detach: () => void;
}

export class FairQueue<T> {
  /** Insertion-ordered: the first key is the next to be served, then it moves to the back. */
  private readonly lines = new Map<string, Waiter<T>[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  enqueue(key: string, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let line = this.lines.get(key);
      if (!line) {
        line = [];
        this.lines.set(key, line);
      }
      const onAbort = () => {
        if (this.remove(key, waiter)) reject(new QueueAbortedError());
      };
      const waiter: Waiter<T> = {
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      line.push(waiter);
      this.count++;
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** The key whose turn it is among those `eligible` says may be served; undefined when none. */
  nextKey(eligible: (key: string) => boolean = () => true): string | undefined {
    for (const [key, line] of this.lines) if (line.length > 0 && eligible(key)) return key;
    return undefined;
  }

  /** Hands `value` to `key`'s oldest waiter, and sends the key to the back of the round. */
  serve(key: string, value: T): void {
    const line = this.lines.get(key);
    const waiter = line?.shift();
    if (!line || !waiter) throw new Error(`FairQueue: nobody waits under "${key}"`);
    this.lines.delete(key);
    if (line.length > 0) this.lines.set(key, line);
    this.count--;
    waiter.detach();
    waiter.resolve(value);
  }

  rejectAll(error: Error): void {
    for (const line of this.lines.values()) {
      for (const waiter of line) {
        waiter.detach();
        waiter.reject(error);
      }
    }
    this.lines.clear();
    this.count = 0;
  }

  private remove(key: string, waiter: Waiter<T>): boolean {
    const line = this.lines.get(key);
    const at = line ? line.indexOf(waiter) : -1;
    if (!line || at < 0) return false;
    line.splice(at, 1);
    if (line.length === 0) this.lines.delete(key);
    this.count--;
    waiter.detach();
    return true;
  }
}
