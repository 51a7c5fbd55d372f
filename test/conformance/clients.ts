/** A ws client that speaks exactly the 2019 Android protocol and keeps every frame it receives. */
import WebSocket from 'ws';

export interface RecordingClient {
  socket: WebSocket;
  frames: unknown[];
  /** Resolves with the first frame (already received or future) that matches. */
  waitFor<T>(predicate: (frame: unknown) => frame is T, what: string, timeoutMs?: number): Promise<T>;
  /** Resolves with the close code, or 'open' if the socket is still open after windowMs. */
  closeCodeWithin(windowMs: number): Promise<number | 'open'>;
  close(): void;
}

export type {
  Chat2019 as ChatFrame2019,
  Game2019 as GameFrame2019,
} from '../../lambda/src/protocol/reading.ts';
export { isChat2019 as isChat, isGame2019 as isGame } from '../../lambda/src/protocol/reading.ts';

export function connect(url: string): Promise<RecordingClient> {
  return new Promise((ok, fail) => {
    const socket = new WebSocket(url);
    const frames: unknown[] = [];
    const listeners = new Set<() => void>();
    let closeCode: number | undefined;
    socket.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        frame = String(data);
      }
      frames.push(frame);
      for (const l of listeners) l();
    });
    socket.on('close', (code) => {
      closeCode = code;
      for (const l of listeners) l();
    });
    socket.once('error', fail);
    socket.once('open', () =>
      ok({
        socket,
        frames,
        waitFor(predicate, what, timeoutMs = 15_000) {
          return new Promise((found, missing) => {
            const check = () => {
              const frame = frames.find(predicate);
              if (frame === undefined) return false;
              listeners.delete(check);
              clearTimeout(timer);
              found(frame as never);
              return true;
            };
            const timer = setTimeout(() => {
              listeners.delete(check);
              missing(
                new Error(
                  `no ${what} within ${timeoutMs} ms; frames: ${JSON.stringify(frames).slice(0, 500)}`,
                ),
              );
            }, timeoutMs);
            listeners.add(check);
            check();
          });
        },
        closeCodeWithin(windowMs) {
          return new Promise((done) => {
            if (closeCode !== undefined) return done(closeCode);
            const timer = setTimeout(() => done('open'), windowMs);
            socket.once('close', (code) => {
              clearTimeout(timer);
              done(code);
            });
          });
        },
        close: () => socket.close(),
      }),
    );
  });
}
