/**
 * Lesson 3, reference: one function on $connect and $disconnect that keeps the User table in
 * step with the open WebSocket connections. Workshop step 3-2, in SDK v3 with every call awaited.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const USER_TABLE = 'User';

// Created once per instance and reused: a warm invocation skips the connection setup.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;

  if (eventType === 'CONNECT') {
    console.log(`Connect requested: ${connectionId}`);
    await db.send(new PutCommand({ TableName: USER_TABLE, Item: { connectionId, answerCnt: 0 } }));
    console.log(`Added ${connectionId} to ${USER_TABLE}`);
    return { statusCode: 200, body: 'Connected.' };
  }

  if (eventType === 'DISCONNECT') {
    console.log(`Disconnect requested: ${connectionId}`);
    await db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId } }));
    console.log(`Deleted ${connectionId} from ${USER_TABLE}`);
    return { statusCode: 200, body: 'Disconnected.' };
  }

  return { statusCode: 404, body: 'illegal access' };
}
