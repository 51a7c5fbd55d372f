/**
 * One benchmark client: a real `ws` socket that timestamps every frame on arrival and lets a
 * scenario wait for the first frame matching a predicate, with a deadline. Frames that arrive
 * before anyone waits for them are kept (a bounded backlog), so a fast server cannot beat the
 * waiter's registration.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

export type Frame = Record<string, unknown>;
export interface Arrival {
  frame: Frame;
  at: number;
}

interface Waiter {
  match: (frame: Frame) => boolean;
  resolve: (arrival: Arrival) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const BACKLOG_LIMIT = 2000;

export class BenchClient {
  private backlog: Arrival[] = [];
  private waiters: Waiter[] = [];
  private closedReason: string | undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.receive(data.toString()));
    socket.on('close', (code) => this.fail(`socket closed (${code})`));
    socket.on('error', (error) => this.fail(error.message));
  }

  /** Opens a socket; resolves with the handshake time (new WebSocket → open). */
  static open(url: string, timeoutMs: number): Promise<{ client: BenchClient; handshakeMs: number }> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
      const client = new BenchClient(socket);
      socket.once('open', () => resolve({ client, handshakeMs: performance.now() - started }));
      socket.once('unexpected-response', (_req, res) => {
        socket.terminate();
        reject(new Error(`handshake refused: HTTP ${res.statusCode}`));
      });
      socket.once('error', (error) => reject(error));
    });
  }

  /** Sends JSON; returns the time just before the send, so serialising is part of the round trip. */
  send(message: unknown): number {
    const at = performance.now();
    this.socket.send(JSON.stringify(message));
    return at;
  }

  /** The first frame (kept or future) that matches; rejects after `timeoutMs` or on close. */
  waitFor(match: (frame: Frame) => boolean, timeoutMs: number, what: string): Promise<Arrival> {
    const kept = this.backlog.findIndex((a) => match(a.frame));
    if (kept >= 0) return Promise.resolve(this.backlog.splice(kept, 1)[0] as Arrival);
    if (this.closedReason) return Promise.reject(new Error(`${what}: ${this.closedReason}`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error(`${what}: nothing within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Whether a frame nobody waited for matches (without taking it). */
  hasFrame(match: (frame: Frame) => boolean): boolean {
    return this.backlog.some((a) => match(a.frame));
  }

  /** Forgets frames nobody waited for (e.g. other players' chat) between samples. */
  clearBacklog(): void {
    this.backlog = [];
  }

  close(): void {
    this.closedReason ??= 'closed by the benchmark';
    this.socket.terminate();
  }

  private receive(text: string): void {
    const at = performance.now();
    let frame: Frame;
    try {
      frame = JSON.parse(text) as Frame;
    } catch {
      frame = { raw: text };
    }
    const waiter = this.waiters.find((w) => w.match(frame));
    if (waiter) {
      clearTimeout(waiter.timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve({ frame, at });
      return;
    }
    this.backlog.push({ frame, at });
    if (this.backlog.length > BACKLOG_LIMIT) this.backlog.shift();
  }

  private fail(reason: string): void {
    this.closedReason ??= reason;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
  }
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the input order. */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T, i);
    }
  });
  await Promise.all(workers);
  return results;
}

export function closeAll(clients: readonly BenchClient[]): void {
  for (const client of clients) client.close();
}
