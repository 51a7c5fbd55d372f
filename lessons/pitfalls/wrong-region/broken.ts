/**
 * wrong-region, broken: the client is pinned to us-east-1, the console's default region, while
 * the tables were made in Seoul (ap-northeast-2), as the workshop told everyone to ("지역을
 * 서울로"). DynamoDB is regional: in us-east-1 there is no table User, and $connect fails.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await db.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }));
    return { statusCode: 200, body: 'Connected.' };
  }
  return { statusCode: 200, body: 'OK' };
}
