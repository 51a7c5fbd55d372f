/**
 * A WebSocket client for checks and demos: it records every frame so a check can wait for the
 * one it expects, and say what did arrive when it does not.
 */
import WebSocket from 'ws';

export interface TestClient {
  name: string;
  /** Every frame received, parsed as JSON where it is JSON. */
  received: unknown[];
  send(data: string | object): void;
  /** Resolves with the first frame (already received or coming) that matches; undefined on timeout. */
  waitFor(match: (frame: unknown) => boolean, timeoutMs?: number): Promise<unknown | undefined>;
  close(): Promise<void>;
}

export async function connectClient(url: string, name: string, timeoutMs = 10_000): Promise<TestClient> {
  const socket = new WebSocket(url);
  const received: unknown[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    const text = data.toString();
    try {
      received.push(JSON.parse(text));
    } catch {
      received.push(text);
    }
    for (const wake of waiters) wake();
  });
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${name}: no answer from ${url} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('open', () => {
      clearTimeout(timer);
      ok();
    });
    socket.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      fail(new Error(`${name}: the gateway refused the connection with HTTP ${res.statusCode}`));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
  });
  return {
    name,
    received,
    send: (data) => socket.send(typeof data === 'string' ? data : JSON.stringify(data)),
    waitFor: (match, waitMs = 5000) =>
      new Promise((ok) => {
        let seen = 0;
        const look = () => {
          for (; seen < received.length; seen++) {
            if (match(received[seen])) {
              done(received[seen]);
              return;
            }
          }
        };
        const done = (value: unknown) => {
          clearTimeout(timer);
          waiters.delete(look);
          ok(value);
        };
        const timer = setTimeout(() => done(undefined), waitMs);
        waiters.add(look);
        look();
      }),
    close: () =>
      new Promise<void>((ok) => {
        if (socket.readyState === WebSocket.CLOSED) return ok();
        socket.once('close', () => ok());
        socket.close();
      }),
  };
}

/** Frames a 2019 client would show as chat: string `username` and `content`. */
export function isChat(frame: unknown, content?: string): boolean {
  if (typeof frame !== 'object' || frame === null) return false;
  const f = frame as Record<string, unknown>;
  return (
    typeof f.username === 'string' &&
    typeof f.content === 'string' &&
    (content === undefined || f.content === content)
  );
}

/** Frames a 2019 client would show as game state. */
export function isGameState(frame: unknown, consonant?: string): boolean {
  if (typeof frame !== 'object' || frame === null) return false;
  const f = frame as Record<string, unknown>;
  return (
    typeof f.nowConsonant === 'string' &&
    typeof f.nowWordIdx === 'number' &&
    (consonant === undefined || f.nowConsonant === consonant)
  );
}

/**
 * How long a check waits for an upgrade: the first $connect includes a cold start (a new process
 * that loads the SDK), which on a busy two-core laptop can take several seconds.
 */
export const CONNECT_TIMEOUT_MS = 30_000;
