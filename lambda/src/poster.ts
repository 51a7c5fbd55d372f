/**
 * Sending to one connection through API Gateway's `@connections` API. The handlers only see the
 * `Poster` interface, so tests can record what would be sent without a gateway.
 */
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';

export interface Poster {
  /** Rejects with the SDK's error (GoneException for a closed connection) when the post fails. */
  post(connectionId: string, data: string): Promise<void>;
}

// Clients are stateless apart from their connection pool: one per endpoint is safe to keep warm.
const clients = new Map<string, ApiGatewayManagementApiClient>();

export function managementApiPoster(endpoint: string): Poster {
  let client = clients.get(endpoint);
  if (!client) {
    client = new ApiGatewayManagementApiClient({ endpoint });
    clients.set(endpoint, client);
  }
  const api = client;
  return {
    async post(connectionId, data) {
      await api.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(data) }),
      );
    },
  };
}

/** A 410: the connection is closed, unknown, or not open yet. */
export function isGone(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'GoneException' || status === 410;
}
