/** Reconnect delays: 1 s, 2 s, 4 s … capped at 10 s, so a restarted server is found quickly
 * without a room full of pages hammering one that is down. */
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 10_000;

/** `attempt` counts failures since the last successful open, from 0. */
export function reconnectDelay(attempt: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, attempt), MAX_DELAY_MS);
}
