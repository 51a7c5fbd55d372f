/**
 * broadcast-in-connect, broken: $connect registers the player and sends them the game state at
 * once, which is how the workshop hoped to skip its extra screen. A connection only opens when
 * $connect returns, so the post is answered 410 Gone and the player never sees the state.
 */
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const api = new ApiGatewayManagementApiClient({ endpoint: process.env.MANAGEMENT_ENDPOINT });

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await db.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }));
    const { Item: game } = await db.send(new GetCommand({ TableName: 'Game', Key: { id: 1 } }));
    try {
      // ← too early: this connection does not exist for @connections until we return
      await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(game) }));
      console.log(`sent the game state to ${connectionId}`);
    } catch (e) {
      const error = e as Error & { $metadata?: { httpStatusCode?: number } };
      console.error(
        `post to ${connectionId} failed: ${error.name} (HTTP ${error.$metadata?.httpStatusCode})`,
      );
    }
    return { statusCode: 200, body: 'Connected.' };
  }
  if (eventType === 'DISCONNECT') {
    await db.send(new DeleteCommand({ TableName: 'User', Key: { connectionId } }));
  }
  return { statusCode: 200, body: 'OK' };
}
