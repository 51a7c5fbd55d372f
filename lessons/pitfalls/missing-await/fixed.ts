/** missing-await, fixed: the same $connect, with the write awaited before the handler returns. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    console.log(`Connect requested: ${connectionId}`);
    await putToDyDB({ connectionId, answerCnt: 0 }); // ← awaited: the fix
    return { statusCode: 200, body: 'Connected.' };
  }
  return { statusCode: 200, body: 'OK' };
}

async function putToDyDB(item: Record<string, unknown>): Promise<void> {
  await db.send(new PutCommand({ TableName: 'User', Item: item }));
  console.log(`Added ${String(item.connectionId)} to User`);
}
