/**
 * The Lambda proxy events API Gateway sends for WebSocket routes, field for field as documented in
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
 * and the `APIGatewayProxyWebsocketEventV2` shape of @types/aws-lambda.
 */
import type { ConnectionRecord } from '../model/connections.ts';

/** Where the API lives: the parts of the stack every event names. */
export interface ApiIdentity {
  stage: string;
  apiId: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestTime` in API Gateway's CLF form, always UTC: `20/Jul/2023:23:29:25 +0000`. */
export function formatRequestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(
    d.getUTCMinutes(),
  )}:${two(d.getUTCSeconds())} +0000`;
}

export interface RequestIds {
  requestId: string;
  extendedRequestId: string;
  now: number;
}

function requestContext(
  api: ApiIdentity,
  conn: ConnectionRecord<unknown>,
  routeKey: string,
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT',
  ids: RequestIds,
) {
  return {
    routeKey,
    eventType,
    extendedRequestId: ids.extendedRequestId,
    requestTime: formatRequestTime(ids.now),
    messageDirection: 'IN' as const,
    stage: api.stage,
    connectedAt: conn.connectedAt,
    requestTimeEpoch: ids.now,
    identity: {
      sourceIp: conn.identity.sourceIp,
      ...(conn.identity.userAgent === undefined ? {} : { userAgent: conn.identity.userAgent }),
    },
    requestId: ids.requestId,
    domainName: conn.domainName,
    connectionId: conn.connectionId,
    apiId: api.apiId,
    ...(conn.authorizer ? { authorizer: conn.authorizer } : {}),
  };
}

/** Headers as the client sent them: names keep their case (Node's `rawHeaders`), repeats are joined. */
export interface HandshakeRequest {
  rawHeaders: string[];
  /** Path plus query string, as received. */
  url: string;
}

export function buildConnectEvent(
  api: ApiIdentity,
  conn: ConnectionRecord<unknown>,
  request: HandshakeRequest,
  ids: RequestIds,
) {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    const name = request.rawHeaders[i] as string;
    const value = request.rawHeaders[i + 1] as string;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const query = new URL(request.url, 'http://gateway.invalid').searchParams;
  const queryStringParameters: Record<string, string> = {};
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of query) {
    queryStringParameters[name] = value;
    multiValueQueryStringParameters[name] = [...(multiValueQueryStringParameters[name] ?? []), value];
  }
  const hasQuery = Object.keys(queryStringParameters).length > 0;
  return {
    headers,
    multiValueHeaders,
    // AWS leaves the query fields out entirely when the URL has none.
    ...(hasQuery ? { queryStringParameters, multiValueQueryStringParameters } : {}),
    requestContext: requestContext(api, conn, '$connect', 'CONNECT', ids),
    isBase64Encoded: false,
  };
}

export function buildMessageEvent(
  api: ApiIdentity,
  conn: ConnectionRecord<unknown>,
  routeKey: string,
  body: string,
  ids: RequestIds & { messageId: string },
) {
  return {
    requestContext: { ...requestContext(api, conn, routeKey, 'MESSAGE', ids), messageId: ids.messageId },
    body,
    isBase64Encoded: false,
  };
}

export function buildDisconnectEvent(
  api: ApiIdentity,
  conn: ConnectionRecord<unknown>,
  close: { code: number; reason: string },
  ids: RequestIds,
) {
  return {
    requestContext: {
      ...requestContext(api, conn, '$disconnect', 'DISCONNECT', ids),
      disconnectStatusCode: close.code,
      disconnectReason: close.reason,
    },
    isBase64Encoded: false,
  };
}
