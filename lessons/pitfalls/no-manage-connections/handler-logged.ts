/**
 * no-manage-connections, the same broadcast with one change: a failed post is logged, so the
 * 403 that IAM answers shows up in CloudWatch Logs instead of vanishing.
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
        const error = e as Error & { $metadata?: { httpStatusCode?: number } };
        // ← the change: say which post failed and why
        console.error(
          `post to ${item.connectionId} failed: ${error.name} (HTTP ${error.$metadata?.httpStatusCode}): ${error.message}`,
        );
      }
    }),
  );
  return { statusCode: 200, body: 'Data sent.' };
}
