/**
 * $default: everything without a matching route. That is all of the 2019 client's traffic (raw
 * `start!`, then `{"username","content"}`), `{"action":"chat",…}` and anything malformed, which
 * gets an error frame naming what was expected instead of the workshop's silence.
 */
import { broadcast, sendTo } from '../broadcast.ts';
import type { AppDeps } from '../deps.ts';
import { claimNickname } from '../identity.ts';
import { ensureGame, judgeAttempt } from '../play.ts';
import type { ChatMessage } from '../protocol/incoming.ts';
import { type ChatFrame, errorFrame, gameFrame } from '../protocol/outgoing.ts';
import { DEFAULT_ROOM } from '../rules/game.ts';
import { REFUSE_MESSAGES } from '../rules/identity.ts';
import { normalizeInput } from '../rules/input.ts';
import { joinRoom } from './join.ts';
import { listRooms } from './rooms.ts';
import { deliveryFor, OK, onMessage, type RouteHandler, replyTo, type WebSocketEvent } from './route.ts';

export const handleDefault: RouteHandler = onMessage('$default', async (event, deps, incoming) => {
  const connectionId = event.requestContext.connectionId;
  switch (incoming.kind) {
    case 'start': {
      const connection = await deps.users.get(connectionId);
      const game = await ensureGame(deps, connection?.room ?? DEFAULT_ROOM);
      await replyTo(event, deps, gameFrame(game));
      return OK;
    }
    // Reaches $default only where the API has no join route (e.g. a console-built one).
    case 'join':
      return joinRoom(event, deps, incoming.message);
    case 'rooms':
      await replyTo(event, deps, await listRooms(deps));
      return OK;
    case 'chat':
      return chat(event, deps, incoming.message);
    case 'invalid':
      deps.log.info('message rejected', { connectionId, code: incoming.code });
      await replyTo(event, deps, errorFrame(incoming.code, incoming.message));
      return OK;
  }
});

async function chat(event: WebSocketEvent, deps: AppDeps, message: ChatMessage) {
  const connectionId = event.requestContext.connectionId;
  const delivery = deliveryFor(event, deps);
  const connection = await deps.users.get(connectionId);
  const username = message.username ?? connection?.username;
  if (!username) {
    await sendTo(
      delivery,
      connectionId,
      errorFrame('not-joined', 'send "username" with the message, or join first'),
    );
    return OK;
  }
  const room = connection?.room ?? DEFAULT_ROOM;
  // A new name on this connection (the 2019 client names itself in every message): the nickname
  // must be free in the room, as for a join. $connect's row can be missing too (deleted after a
  // failed post, or written by an older deployment).
  if (!connection || connection.username !== username) {
    const claim = await claimNickname(deps, { room, nickname: username, connectionId });
    if (claim.kind === 'refused') {
      await sendTo(delivery, connectionId, errorFrame(claim.reason, REFUSE_MESSAGES[claim.reason]));
      return OK;
    }
    await deps.users.join(connectionId, room, username, deps.now());
  }
  const content = normalizeInput(message.content);
  const frame: ChatFrame = { type: 'chat', username, content, room, timestamp: deps.now().toISOString() };
  const { type: _type, ...stored } = frame;
  await deps.chat.add(stored, event.requestContext.messageId || event.requestContext.requestId);
  await broadcast(delivery, room, frame);
  await judgeAttempt(deps, delivery, { connectionId, username, room, content });
  return OK;
}
