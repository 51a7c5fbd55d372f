/**
 * A WebSocket API `MESSAGE` event as API Gateway sends it to a Lambda integration
 * (apigateway-websocket-api-mapping-template-reference / the aws-lambda types). The gateway
 * builds the real ones; this is for invoking the host directly in tests.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

export function wsMessageEvent(
  body: string,
  routeKey = '$default',
  connectionId = 'Zk1c-cX0oE0CJ6A=',
): APIGatewayProxyWebsocketEventV2 {
  const now = Date.now();
  return {
    requestContext: {
      routeKey,
      messageId: randomBytes(8).toString('base64'),
      eventType: 'MESSAGE',
      extendedRequestId: randomBytes(8).toString('base64'),
      requestTime: new Date(now).toUTCString(),
      messageDirection: 'IN',
      stage: 'dev',
      connectedAt: now - 1000,
      requestTimeEpoch: now,
      requestId: randomBytes(8).toString('base64'),
      domainName: '127.0.0.1',
      connectionId,
      apiId: 'chosung001',
    },
    body,
    isBase64Encoded: false,
  };
}
