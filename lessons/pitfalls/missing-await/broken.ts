/**
 * missing-await, broken: the workshop's $connect, with the write started but not awaited. The
 * handler returns at once, Lambda freezes the instance, and the PutItem never reaches DynamoDB.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    console.log(`Connect requested: ${connectionId}`);
    putToDyDB({ connectionId, answerCnt: 0 }); // ← no await: the bug
    return { statusCode: 200, body: 'Connected.' };
  }
  return { statusCode: 200, body: 'OK' };
}

async function putToDyDB(item: Record<string, unknown>): Promise<void> {
  await db.send(new PutCommand({ TableName: 'User', Item: item }));
  console.log(`Added ${String(item.connectionId)} to User`);
}
