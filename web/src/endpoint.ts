/**
 * Where the page connects and which room it opens. The server that serves the page knows
 * its WebSocket URL (`/config.json`); `?ws=` overrides it, for `npm run offline` or a real
 * API Gateway stage. The room lives in the hash so a link can invite someone to it.
 */
export const DEFAULT_ROOM = 'general';
export const NICKNAME_MAX = 20;
/** The server's rule for room names (lambda/src/protocol/incoming.ts), checked before joining. */
const ROOM_PATTERN = /^[\p{L}\p{N}_-]{1,32}$/u;

export async function resolveWsUrl(location: Location): Promise<string> {
  const override = new URLSearchParams(location.search).get('ws');
  if (override) return override;
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  const config: unknown = await response.json();
  if (typeof config === 'object' && config !== null && 'ws' in config && typeof config.ws === 'string') {
    return config.ws;
  }
  throw new Error('config.json has no "ws" URL');
}

export function roomFromHash(hash: string): string {
  let room = hash.replace(/^#/, '');
  try {
    room = decodeURIComponent(room);
  } catch {
    // A hash typed by hand may not be valid percent-encoding; take it as it is.
  }
  return cleanRoom(room);
}

export function hashForRoom(room: string): string {
  return `#${encodeURIComponent(room)}`;
}

export function cleanRoom(room: string): string {
  const trimmed = room.trim();
  return trimmed === '' ? DEFAULT_ROOM : trimmed;
}

export function isValidRoom(room: string): boolean {
  return ROOM_PATTERN.test(room);
}

export function cleanNickname(nickname: string): string {
  return nickname.trim().slice(0, NICKNAME_MAX);
}
