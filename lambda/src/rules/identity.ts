/**
 * Who a nickname belongs to in a room. A player is (room, nickname) plus, for clients that keep
 * one, a secret token; the server keeps only the token's hash. The 2019 client sends no token, so
 * for it the nickname alone is the identity, as in the workshop. Pure: the caller reads the player
 * and whether its connection is still open, and applies the decision with a conditional write.
 */

export interface PlayerClaim {
  /** sha-256 of the token the browser keeps; absent for tokenless clients. */
  tokenHash?: string | undefined;
  /** The connection that holds the nickname now, if any. */
  connectionId?: string | undefined;
}

export interface JoinRequest {
  connectionId: string;
  tokenHash?: string | undefined;
}

export type JoinDecision =
  /** Nobody has the nickname in this room yet. */
  | { kind: 'create' }
  /** This connection already holds it (a repeated join). */
  | { kind: 'keep'; claimToken: boolean }
  /** The same player again, or a nickname nobody is using: this connection takes it over. */
  | { kind: 'take-over'; previous: string | undefined; claimToken: boolean }
  | { kind: 'refuse'; reason: RefuseReason };

export type RefuseReason =
  /** Someone is playing under this nickname right now. */
  | 'nickname-in-use'
  /** The nickname belongs to another browser's token (that player may come back). */
  | 'nickname-taken';

/**
 * @param holderOnline whether `existing.connectionId` is still an open connection in this room
 *   under this nickname.
 */
export function decideJoin(
  existing: PlayerClaim | undefined,
  request: JoinRequest,
  holderOnline: boolean,
): JoinDecision {
  if (!existing) return { kind: 'create' };
  const claimToken = existing.tokenHash === undefined && request.tokenHash !== undefined;
  if (existing.connectionId === request.connectionId) return { kind: 'keep', claimToken };
  const previous = holderOnline ? existing.connectionId : undefined;
  if (existing.tokenHash !== undefined) {
    // The same browser reconnecting (refresh, auto-reconnect, a second tab) takes over its seat.
    if (request.tokenHash === existing.tokenHash) return { kind: 'take-over', previous, claimToken: false };
    return { kind: 'refuse', reason: holderOnline ? 'nickname-in-use' : 'nickname-taken' };
  }
  // A tokenless seat (the 2019 client's): free whenever nobody sits in it.
  if (holderOnline) return { kind: 'refuse', reason: 'nickname-in-use' };
  return { kind: 'take-over', previous: undefined, claimToken };
}

export const REFUSE_MESSAGES: Record<RefuseReason, string> = {
  'nickname-in-use':
    'this nickname is playing in this room right now: pick another one (the same browser takes its seat back by itself)',
  'nickname-taken':
    'this nickname belongs to another player of this room (another browser): pick another one',
};
