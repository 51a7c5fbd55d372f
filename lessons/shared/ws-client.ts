/**
 * A WebSocket client for checks and demos: it records every frame so a check can wait for the
 * one it expects, and say what did arrive when it does not.
 */
import WebSocket from 'ws';
import { isChat2019, isGame2019 } from '../../lambda/src/protocol/reading.ts';
import { BilingualError, tr, withParticle } from '../runner/i18n.ts';

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
      () =>
        fail(
          new BilingualError(
            tr(
              `${name}: no answer from ${url} within ${timeoutMs} ms`,
              `${name}: ${timeoutMs} ms 안에 ${url}에서 답이 없습니다`,
            ),
          ),
        ),
      timeoutMs,
    );
    socket.once('open', () => {
      clearTimeout(timer);
      ok();
    });
    socket.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      fail(
        new BilingualError(
          tr(
            `${name}: the gateway refused the connection with HTTP ${res.statusCode}`,
            `${name}: 게이트웨이가 ${withParticle(`HTTP ${res.statusCode}`, '으로/로')} 연결을 거부했습니다`,
          ),
        ),
      );
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

/** Frames a 2019 client would show as chat, optionally with this `content`. */
export function isChat(frame: unknown, content?: string): boolean {
  return isChat2019(frame) && (content === undefined || frame.content === content);
}

/** Frames a 2019 client would show as game state, optionally asking for these consonants. */
export function isGameState(frame: unknown, consonant?: string): boolean {
  return isGame2019(frame) && (consonant === undefined || frame.nowConsonant === consonant);
}

/**
 * How long a check waits for an upgrade: the first $connect includes a cold start (a new process
 * that loads the SDK), which on a busy two-core laptop can take several seconds.
 */
export const CONNECT_TIMEOUT_MS = 30_000;
