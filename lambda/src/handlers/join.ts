/**
 * join: `{"action":"join","username","room"?}` puts the connection in a room and answers the joiner
 * at once with the game state, recent chat, scores and every answer so far: no second screen, no
 * waiting for the next broadcast (the workshop's "불필요한 activity"). An optional `token` (a
 * per-browser secret) lets the same player take its nickname and score back after a reconnect.
 */
import { type Delivery, sendTo } from '../broadcast.ts';
import type { AppDeps } from '../deps.ts';
import { claimNickname } from '../identity.ts';
import { ensureGame } from '../play.ts';
import type { JoinMessage } from '../protocol/incoming.ts';
import { errorFrame, gameFrame, type JoinedFrame } from '../protocol/outgoing.ts';
import { DEFAULT_ROOM } from '../rules/game.ts';
import { REFUSE_MESSAGES } from '../rules/identity.ts';
import { deliveryFor, OK, onMessage, type RouteHandler, replyTo, type WebSocketEvent } from './route.ts';

export const handleJoin: RouteHandler = onMessage('join', async (event, deps, incoming) => {
  if (incoming.kind === 'join') return joinRoom(event, deps, incoming.message);
  await replyTo(
    event,
    deps,
    incoming.kind === 'invalid'
      ? errorFrame(incoming.code, incoming.message)
      : errorFrame('invalid-message', 'the join route expects {"action":"join","username":"…"}'),
  );
  return OK;
});

/**
 * Puts the connection in the room under the nickname if it may have it (rules/identity.ts): a
 * nickname someone else is playing under is refused with an error frame; the same player
 * reconnecting (same token) takes its seat over from the old connection, which is told so.
 */
export async function joinRoom(event: WebSocketEvent, deps: AppDeps, message: JoinMessage) {
  const connectionId = event.requestContext.connectionId;
  const delivery = deliveryFor(event, deps);
  const room = message.room ?? DEFAULT_ROOM;
  const claim = await claimNickname(deps, {
    room,
    nickname: message.username,
    connectionId,
    token: message.token,
  });
  if (claim.kind === 'refused') {
    deps.log.info('nickname refused', {
      connectionId,
      room,
      username: message.username,
      reason: claim.reason,
    });
    await sendTo(delivery, connectionId, errorFrame(claim.reason, REFUSE_MESSAGES[claim.reason]));
    return OK;
  }
  await deps.users.join(connectionId, room, message.username, deps.now());
  if (claim.previous !== undefined) await retire(deps, delivery, claim.previous);
  const game = await ensureGame(deps, room);
  const [recentChat, scores] = await Promise.all([
    deps.chat.recent(room, deps.recentChatLimit),
    deps.players.roomScores(room, deps.pageSize),
  ]);
  const reply: JoinedFrame = {
    type: 'joined',
    room,
    username: message.username,
    game: gameFrame(game),
    recentChat,
    scores,
    answers: game.history.map((entry) => ({ ...entry })),
  };
  await sendTo(delivery, connectionId, reply);
  return OK;
}

/** The old connection of a player who came back: it leaves the room and learns why. */
async function retire(deps: AppDeps, delivery: Delivery, connectionId: string): Promise<void> {
  await sendTo(
    delivery,
    connectionId,
    errorFrame('replaced', 'this player joined again from another connection, which now has the seat'),
  );
  await deps.users.disconnect(connectionId);
}
