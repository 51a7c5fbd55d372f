/**
 * no-manage-connections, the workshop's broadcast: every chat goes to each connection in User,
 * and a failed post is swallowed the way its `catch (e) { return { statusCode: 500, … } }`
 * inside `postCalls` did. Without the permission nobody receives anything, and nothing says why.
 */
import { PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, keepUserTable, managementApi, OK, type WsEvent, type WsResult } from '../kit/lambda.ts';

export async function handler(event: WsEvent): Promise<WsResult> {
  if (await keepUserTable(event)) return OK;

  const api = managementApi(event);
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
