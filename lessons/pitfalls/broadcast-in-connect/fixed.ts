/**
 * broadcast-in-connect, fixed: $connect only registers the player. Once connected, the client
 * sends `{"action":"join"}` and the state goes back to that open connection.
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
    return { statusCode: 200, body: 'Connected.' };
  }
  if (eventType === 'DISCONNECT') {
    await db.send(new DeleteCommand({ TableName: 'User', Key: { connectionId } }));
    return { statusCode: 200, body: 'Disconnected.' };
  }
  if (isJoin(event.body)) {
    const { Item: game } = await db.send(new GetCommand({ TableName: 'Game', Key: { id: 1 } }));
    await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(game) }));
    console.log(`sent the game state to ${connectionId}, who asked for it`);
  }
  return { statusCode: 200, body: 'OK' };
}

function isJoin(body: string | undefined): boolean {
  try {
    return (JSON.parse(body ?? '') as { action?: unknown }).action === 'join';
  } catch {
    return false;
  }
}
