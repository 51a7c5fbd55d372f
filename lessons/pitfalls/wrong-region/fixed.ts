/**
 * wrong-region, fixed: no region in the code. Lambda sets AWS_REGION to the function's own
 * region, which is where its tables are.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await db.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }));
    return { statusCode: 200, body: 'Connected.' };
  }
  return { statusCode: 200, body: 'OK' };
}
