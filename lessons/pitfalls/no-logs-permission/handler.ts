/**
 * no-logs-permission: lesson 3's connection handler, logging what it does. The code is the same
 * in both runs; only the role's policy differs.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    console.log(`Connect requested: ${connectionId}`);
    await db.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }));
    console.log(`Added ${connectionId} to User`);
    return { statusCode: 200, body: 'Connected.' };
  }
  if (eventType === 'DISCONNECT') {
    console.log(`Disconnect requested: ${connectionId}`);
    await db.send(new DeleteCommand({ TableName: 'User', Key: { connectionId } }));
    console.log(`Deleted ${connectionId} from User`);
    return { statusCode: 200, body: 'Disconnected.' };
  }
  return { statusCode: 404, body: 'illegal access' };
}
