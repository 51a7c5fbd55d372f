/**
 * unpaginated-scan, FIXED: the broadcast goes on scanning from LastEvaluatedKey until DynamoDB
 * stops returning one, posting to each page's connections as it comes.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { chatHandler, db, postTo, type WsEvent } from '../kit/lambda.ts';

export const handler = chatHandler(broadcast);

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
