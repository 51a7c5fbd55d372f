/**
 * sdk-v2-runtime, FIXED: the same handler on AWS SDK v3, which the runtime provides. One client
 * per service, and one way of waiting: `await client.send(command)`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await ddb.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }));
  }
  return { statusCode: 200, body: 'Connected.' };
}
