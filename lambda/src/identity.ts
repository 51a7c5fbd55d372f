/**
 * Claiming a nickname in a room for a connection: reads the player and whether its connection is
 * still there, asks rules/identity.ts what to do, and applies that with a conditional write. When
 * two connections race for one nickname the loser's write fails and it decides again.
 */
import { createHash } from 'node:crypto';
import type { AppDeps } from './deps.ts';
import { decideJoin, type RefuseReason } from './rules/identity.ts';

export interface ClaimRequest {
  room: string;
  nickname: string;
  connectionId: string;
  /** The browser's secret; the 2019 client has none. */
  token?: string | undefined;
}

export type ClaimOutcome =
  /** `previous`: the connection that held the nickname until now and must stop receiving the room. */
  { kind: 'claimed'; previous: string | undefined } | { kind: 'refused'; reason: RefuseReason };

const ATTEMPTS = 4;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function claimNickname(deps: AppDeps, request: ClaimRequest): Promise<ClaimOutcome> {
  const key = { room: request.room, nickname: request.nickname };
  const tokenHash = request.token === undefined ? undefined : hashToken(request.token);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const existing = await deps.players.get(key);
    const holder = existing?.connectionId;
    const online =
      holder !== undefined &&
      holder !== request.connectionId &&
      (await deps.users.holds(holder, request.room, request.nickname));
    const decision = decideJoin(existing, { connectionId: request.connectionId, tokenHash }, online);
    switch (decision.kind) {
      case 'create':
        if (await deps.players.create(key, request.connectionId, tokenHash, deps.now()))
          return { kind: 'claimed', previous: undefined };
        break;
      case 'keep':
        if (!decision.claimToken) return { kind: 'claimed', previous: undefined };
        if (
          existing &&
          (await deps.players.takeOver(key, existing, request.connectionId, tokenHash, deps.now()))
        )
          return { kind: 'claimed', previous: undefined };
        break;
      case 'take-over':
        if (
          existing &&
          (await deps.players.takeOver(
            key,
            existing,
            request.connectionId,
            decision.claimToken ? tokenHash : undefined,
            deps.now(),
          ))
        )
          return { kind: 'claimed', previous: decision.previous };
        break;
      case 'refuse':
        return { kind: 'refused', reason: decision.reason };
    }
  }
  // Every attempt lost a race: someone else is taking this nickname right now.
  return { kind: 'refused', reason: 'nickname-in-use' };
}
