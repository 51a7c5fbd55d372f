/**
 * wrong-case, broken: two slips of case, as the workshop made them. $connect writes to "user"
 * (the table is "User"), and a message counts as chat only when its keys are exactly
 * "username" and "content" — anything else, "Content" included, is ignored without a word.
 */
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await putToDyDB({ TableName: 'user', Item: { connectionId, answerCnt: 0 } }); // ← "user"
    return { statusCode: 200, body: 'Connected.' };
  }
  if (eventType !== 'MESSAGE') return { statusCode: 200, body: 'OK' };

  const payload = JSON.parse(event.body ?? '{}') as Record<string, string>;
  const keys = Object.keys(payload);
  if (keys.includes('content') && keys.includes('username')) {
    const chat = { username: payload.username, content: payload.content };
    await putToDyDB({
      TableName: 'Chat',
      Item: { timestamp: new Date().toISOString(), room: 'general', ...chat },
    });
    await broadcast(event.requestContext, chat);
  }
  // ← no else: a "Content" message ends here, unanswered
  return { statusCode: 200, body: 'Data sent.' };
}

async function putToDyDB(params: { TableName: string; Item: Record<string, unknown> }): Promise<void> {
  try {
    await db.send(new PutCommand(params));
    console.log(`Added item to '${params.TableName}' Table`);
  } catch (err) {
    console.error(
      `Unable to add item to '${params.TableName}' Table: ${(err as Error).name}: ${(err as Error).message}`,
    );
  }
}

async function broadcast(where: { domainName: string; stage: string }, data: object): Promise<void> {
  const api = new ApiGatewayManagementApiClient({ endpoint: `https://${where.domainName}/${where.stage}` });
  const { Items = [] } = await db.send(new ScanCommand({ TableName: 'User' }));
  for (const { connectionId } of Items) {
    await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(data) }));
  }
}
