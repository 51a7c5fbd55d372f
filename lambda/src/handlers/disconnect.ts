/** $disconnect: forget the connection. Best effort on AWS, so broadcasts also delete rows on 410. */
import { defaultDeps } from '../deps.ts';
import { OK, type RouteHandler, type WebSocketEvent, withErrorLogging } from './route.ts';

export const handleDisconnect: RouteHandler = withErrorLogging('$disconnect', async (event, deps) => {
  await deps.users.disconnect(event.requestContext.connectionId);
  return OK;
});

export const handler = (event: WebSocketEvent) => handleDisconnect(event, defaultDeps());
