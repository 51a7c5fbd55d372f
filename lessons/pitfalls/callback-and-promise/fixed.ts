/** callback-and-promise, fixed: SDK v3, one style only — `await client.send(command)`, once per write. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const ANSWER = '강아지';

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await db.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }));
    console.log(`Added ${connectionId} to User`);
    return { statusCode: 200, body: 'Connected.' };
  }
  const payload = JSON.parse(event.body ?? '{}') as { content?: string };
  if (payload.content === ANSWER) {
    await db.send(
      new UpdateCommand({
        TableName: 'User',
        Key: { connectionId },
        UpdateExpression: 'ADD answerCnt :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    console.log(`Added a point for ${connectionId}`);
  }
  return { statusCode: 200, body: 'Data sent.' };
}
