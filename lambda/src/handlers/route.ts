/**
 * What every route handler shares: the event and result types, and the wrapper that logs a failure
 * with its route and connection before letting it fail the invocation (API Gateway then tells the
 * client "Internal server error"; nothing is swallowed).
 */
import type { APIGatewayProxyStructuredResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { type Delivery, type SendResult, sendTo } from '../broadcast.ts';
import type { AppDeps } from '../deps.ts';
import { describeError } from '../log.ts';
import { type Incoming, parseIncoming } from '../protocol/incoming.ts';

export type WebSocketEvent = APIGatewayProxyWebsocketEventV2;
export type RouteResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };
export type RouteHandler = (event: WebSocketEvent, deps: AppDeps) => Promise<RouteResult>;

export const OK: RouteResult = { statusCode: 200 };

export function withErrorLogging(route: string, handle: RouteHandler): RouteHandler {
  return async (event, deps) => {
    try {
      return await handle(event, deps);
    } catch (error) {
      deps.log.error('handler failed', {
        route,
        connectionId: event.requestContext.connectionId,
        requestId: event.requestContext.requestId,
        ...describeError(error),
      });
      throw error;
    }
  };
}

/** A message route's handler: it gets the frame already parsed, and its failures are logged. */
export function onMessage(
  route: string,
  handle: (event: WebSocketEvent, deps: AppDeps, incoming: Incoming) => Promise<RouteResult>,
): RouteHandler {
  return withErrorLogging(route, (event, deps) => handle(event, deps, parseIncoming(bodyText(event))));
}

export function deliveryFor(event: WebSocketEvent, deps: AppDeps): Delivery {
  const delivery: Delivery = {
    poster: deps.posterFor(event.requestContext),
    users: deps.users,
    log: deps.log,
  };
  if (deps.pageSize !== undefined) delivery.pageSize = deps.pageSize;
  return delivery;
}

/** Sends `frame` back to the connection the event came from. */
export function replyTo(event: WebSocketEvent, deps: AppDeps, frame: unknown): Promise<SendResult> {
  return sendTo(deliveryFor(event, deps), event.requestContext.connectionId, frame);
}

/** The frame body as text; binary frames arrive base64-encoded. */
export function bodyText(event: WebSocketEvent): string | undefined {
  if (event.body === undefined) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}
