/**
 * join: `{"action":"join","username","room"?}` puts the connection in a room and answers the joiner
 * at once with the game state, recent chat and scores: no second screen, no waiting for the next
 * broadcast (the workshop's "불필요한 activity").
 */
import { sendTo } from '../broadcast.ts';
import type { AppDeps } from '../deps.ts';
import { ensureGame } from '../play.ts';
import { type JoinMessage, parseIncoming } from '../protocol/incoming.ts';
import { errorFrame, gameFrame, type JoinedFrame } from '../protocol/outgoing.ts';
import { DEFAULT_ROOM } from '../rules/game.ts';
import {
  bodyText,
  deliveryFor,
  OK,
  type RouteHandler,
  type WebSocketEvent,
  withErrorLogging,
} from './route.ts';

export const handleJoin: RouteHandler = withErrorLogging('join', async (event, deps) => {
  const incoming = parseIncoming(bodyText(event));
  if (incoming.kind === 'join') return joinRoom(event, deps, incoming.message);
  const delivery = deliveryFor(event, deps);
  const connectionId = event.requestContext.connectionId;
  if (incoming.kind === 'invalid') {
    await sendTo(delivery, connectionId, errorFrame(incoming.code, incoming.message));
  } else {
    await sendTo(
      delivery,
      connectionId,
      errorFrame('invalid-message', 'the join route expects {"action":"join","username":"…"}'),
    );
  }
  return OK;
});

export async function joinRoom(event: WebSocketEvent, deps: AppDeps, message: JoinMessage) {
  const connectionId = event.requestContext.connectionId;
  const room = message.room ?? DEFAULT_ROOM;
  await deps.users.join(connectionId, room, message.username, deps.now());
  const game = await ensureGame(deps, room);
  const [recentChat, scores] = await Promise.all([
    deps.chat.recent(room, deps.recentChatLimit),
    deps.users.roomScores(room, deps.pageSize),
  ]);
  const reply: JoinedFrame = {
    type: 'joined',
    room,
    username: message.username,
    game: gameFrame(game),
    recentChat,
    scores,
  };
  await sendTo(deliveryFor(event, deps), connectionId, reply);
  return OK;
}
