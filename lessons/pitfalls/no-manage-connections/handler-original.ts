/**
 * no-manage-connections, the workshop's broadcast: every chat goes to each connection in User,
 * and a failed post is swallowed the way its `catch (e) { return { statusCode: 500, … } }`
 * inside `postCalls` did. Without the permission nobody receives anything, and nothing says why.
 */
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType, domainName, stage } = event.requestContext;
  if (eventType === 'CONNECT') {
    await db.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }));
    return { statusCode: 200, body: 'Connected.' };
  }
  if (eventType === 'DISCONNECT') {
    await db.send(new DeleteCommand({ TableName: 'User', Key: { connectionId } }));
    return { statusCode: 200, body: 'Disconnected.' };
  }

  const api = new ApiGatewayManagementApiClient({
    endpoint: process.env.MANAGEMENT_ENDPOINT ?? `https://${domainName}/${stage}`,
  });
  const { Items = [] } = await db.send(new ScanCommand({ TableName: 'User' }));
  console.log(`Broadcasting a chat to ${Items.length} connection(s)`);
  await Promise.all(
    Items.map(async (item) => {
      try {
        await api.send(
          new PostToConnectionCommand({ ConnectionId: item.connectionId, Data: event.body ?? '' }),
        );
      } catch (e) {
        return { statusCode: 500, body: (e as Error).stack }; // ← nobody ever reads this
      }
    }),
  );
  return { statusCode: 200, body: 'Data sent.' };
}
