/**
 * The app's one Lambda function, as in the workshop: API Gateway integrates every route with this
 * handler, which dispatches on the route key. Deploy with handler `index.handler`.
 */
import type { Context } from 'aws-lambda';
import { type AppDeps, defaultDeps } from './deps.ts';
import { handleConnect } from './handlers/connect.ts';
import { handleDefault } from './handlers/default.ts';
import { handleDisconnect } from './handlers/disconnect.ts';
import { handleJoin } from './handlers/join.ts';
import type { RouteHandler, RouteResult, WebSocketEvent } from './handlers/route.ts';

const routes: Record<string, RouteHandler> = {
  $connect: handleConnect,
  $disconnect: handleDisconnect,
  join: handleJoin,
  $default: handleDefault,
};

/** Routes one event; unknown route keys (e.g. a `chat` route someone added) are handled as $default. */
export function dispatch(event: WebSocketEvent, deps: AppDeps): Promise<RouteResult> {
  const route = routes[event.requestContext.routeKey] ?? handleDefault;
  return route(event, deps);
}

export const handler = (event: WebSocketEvent, _context?: Context): Promise<RouteResult> =>
  dispatch(event, defaultDeps());

export type { AppDeps } from './deps.ts';
export { createDeps, documentClient } from './deps.ts';
export type { Poster } from './poster.ts';
export { appTables, appTablesNamed } from './tables.ts';
