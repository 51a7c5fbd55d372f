/**
 * One WebSocket that comes back by itself. The page only sees a status and text frames;
 * each time the socket opens, `onOpen` runs again, which is where the join is (re)sent.
 */
import { reconnectDelay } from './backoff.ts';

export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'online' }
  | { state: 'offline'; retryAt: number }
  | { state: 'closed' };

export interface ConnectionHandlers {
  onStatus(status: ConnectionStatus): void;
  onOpen(send: (text: string) => boolean): void;
  onText(text: string): void;
}

export interface Connection {
  /** False when the socket is not open: the caller keeps the text and tells the user. */
  send(text: string): boolean;
  retryNow(): void;
  close(): void;
}

export function openConnection(url: string, handlers: ConnectionHandlers): Connection {
  let socket: WebSocket | undefined;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const send = (text: string): boolean => {
    if (socket?.readyState !== WebSocket.OPEN) return false;
    socket.send(text);
    return true;
  };

  const scheduleRetry = () => {
    const delay = reconnectDelay(failures);
    failures += 1;
    handlers.onStatus({ state: 'offline', retryAt: Date.now() + delay });
    timer = setTimeout(dial, delay);
  };

  function dial() {
    timer = undefined;
    if (closed) return;
    handlers.onStatus({ state: 'connecting' });
    let current: WebSocket;
    try {
      current = new WebSocket(url);
    } catch {
      // A malformed URL (or one the CSP forbids) throws here rather than firing `close`.
      scheduleRetry();
      return;
    }
    socket = current;
    current.addEventListener('open', () => {
      failures = 0;
      handlers.onStatus({ state: 'online' });
      handlers.onOpen(send);
    });
    current.addEventListener('message', (event) => {
      if (typeof event.data === 'string') handlers.onText(event.data);
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = undefined;
      if (closed) return;
      scheduleRetry();
    });
  }

  dial();

  return {
    send,
    retryNow() {
      if (closed || timer === undefined) return;
      clearTimeout(timer);
      dial();
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      socket?.close(1000);
      socket = undefined;
      handlers.onStatus({ state: 'closed' });
    },
  };
}
