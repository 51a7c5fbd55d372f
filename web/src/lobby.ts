/**
 * The first screen's room list: a short-lived socket of its own that asks `{"action":"rooms"}`
 * now and every few seconds, until the player joins. A server that does not know the action
 * (a lesson's stack, the 2019 API) answers something else or nothing: the list then says so.
 */
import { classifyFrame, type RoomEntry, roomsMessage } from './protocol.ts';

const REFRESH_MS = 8_000;
/** How long to wait for a first answer before saying the server does not list rooms. */
const PATIENCE_MS = 4_000;

export type RoomList =
  | { state: 'loading' }
  | { state: 'unavailable' }
  | { state: 'ready'; rooms: RoomEntry[] };

export interface Lobby {
  close(): void;
}

export function openLobby(url: string, onList: (list: RoomList) => void): Lobby {
  let closed = false;
  let answered = false;
  let socket: WebSocket | undefined;
  onList({ state: 'loading' });
  const giveUp = setTimeout(() => {
    if (!answered && !closed) onList({ state: 'unavailable' });
  }, PATIENCE_MS);
  const ask = () => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(roomsMessage());
  };
  const timer = setInterval(ask, REFRESH_MS);
  try {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      if (!closed) ask();
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const frame = classifyFrame(event.data);
      if (frame.kind === 'rooms') {
        answered = true;
        onList({ state: 'ready', rooms: frame.rooms });
      } else if (frame.kind === 'error' && !answered) {
        onList({ state: 'unavailable' });
      }
    });
    socket.addEventListener('close', () => {
      if (!answered && !closed) onList({ state: 'unavailable' });
    });
  } catch {
    onList({ state: 'unavailable' });
  }
  return {
    close() {
      closed = true;
      clearTimeout(giveUp);
      clearInterval(timer);
      // Closing a socket that is still connecting is reported as an error by the browser.
      if (socket?.readyState === WebSocket.CONNECTING)
        socket.addEventListener('open', () => socket?.close(1000));
      else socket?.close(1000);
    },
  };
}
