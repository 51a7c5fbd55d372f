/**
 * unpaginated-scan, FIXED: the broadcast goes on scanning from LastEvaluatedKey until DynamoDB
 * stops returning one, posting to each page's connections as it comes.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, keepUserTable, OK, parseChat, postTo, type WsEvent, type WsResult } from '../kit/lambda.ts';

export async function handler(event: WsEvent): Promise<WsResult> {
  if (await keepUserTable(event)) return OK;
  const chat = parseChat(event.body);
  if (chat) await broadcast(event, chat);
  return OK;
}

async function broadcast(event: WsEvent, data: object): Promise<void> {
  let posted = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: 'User', ProjectionExpression: 'connectionId', ExclusiveStartKey: start }),
    );
    const ids = (page.Items ?? []).map((item) => String(item.connectionId));
    console.log(
      `Scan page: ${ids.length} connections, LastEvaluatedKey ${page.LastEvaluatedKey ? 'set' : 'absent'}`,
    );
    await Promise.all(ids.map((id) => postTo(event, id, data)));
    posted += ids.length;
    start = page.LastEvaluatedKey;
  } while (start);
  console.log(`posted to ${posted} connections`);
}
