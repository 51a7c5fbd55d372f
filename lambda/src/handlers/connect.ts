/**
 * $connect: record the connection, in the room and under the name the query string asks for
 * (`?room=…&username=…`, both optional). Nothing is posted here: API Gateway answers 410 to posts
 * for a connection whose $connect has not returned, which is why the workshop's welcome never
 * arrived. The welcome is the reply to `join` or `start!`.
 */
import { claimNickname } from '../identity.ts';
import { roomNameSchema, usernameSchema } from '../protocol/incoming.ts';
import { DEFAULT_ROOM } from '../rules/game.ts';
import { REFUSE_MESSAGES } from '../rules/identity.ts';
import { OK, type RouteHandler, withErrorLogging } from './route.ts';

export const handleConnect: RouteHandler = withErrorLogging('$connect', async (event, deps) => {
  const query = event.queryStringParameters ?? {};
  const room = roomNameSchema.safeParse(query.room ?? DEFAULT_ROOM);
  if (!room.success) {
    // A non-2xx refuses the upgrade; the client sees the HTTP status, so say why in the log.
    deps.log.info('connection refused', {
      connectionId: event.requestContext.connectionId,
      room: query.room,
    });
    return { statusCode: 400, body: room.error.issues[0]?.message ?? 'invalid room' };
  }
  const username = query.username === undefined ? undefined : usernameSchema.safeParse(query.username);
  if (username && !username.success) {
    return { statusCode: 400, body: username.error.issues[0]?.message ?? 'invalid username' };
  }
  const connection: { connectionId: string; room: string; username?: string } = {
    connectionId: event.requestContext.connectionId,
    room: room.data,
  };
  if (username?.success) {
    // A name given here is claimed as in a join; taken, it refuses the upgrade with 409.
    const claim = await claimNickname(deps, {
      room: room.data,
      nickname: username.data,
      connectionId: connection.connectionId,
    });
    if (claim.kind === 'refused') return { statusCode: 409, body: REFUSE_MESSAGES[claim.reason] };
    connection.username = username.data;
  }
  await deps.users.connect(connection, deps.now());
  return OK;
});
