/** $disconnect: forget the connection. Best effort on AWS, so broadcasts also delete rows on 410. */
import { OK, type RouteHandler, withErrorLogging } from './route.ts';

export const handleDisconnect: RouteHandler = withErrorLogging('$disconnect', async (event, deps) => {
  await deps.users.disconnect(event.requestContext.connectionId);
  return OK;
});
