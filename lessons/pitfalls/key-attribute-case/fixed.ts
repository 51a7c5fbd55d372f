/**
 * key-attribute-case, fixed: the key is named exactly as the table defines it, `connectionId`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

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
  return { statusCode: 200, body: 'OK' };
}
