/**
 * unpaginated-scan, BROKEN: the workshop's broadcast reads User with one Scan. A Scan call reads
 * at most 1 MB of the table and says where to go on in LastEvaluatedKey; this code never looks,
 * so once User outgrows a page, the players on the later pages are simply not sent anything.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { chatHandler, db, postTo, type WsEvent } from '../kit/lambda.ts';

export const handler = chatHandler(broadcast);

async function broadcast(event: WsEvent, data: object): Promise<void> {
  const page = await db.send(new ScanCommand({ TableName: 'User', ProjectionExpression: 'connectionId' }));
  const ids = (page.Items ?? []).map((item) => String(item.connectionId));
  console.log(
    `Scan page: ${ids.length} connections, LastEvaluatedKey ${page.LastEvaluatedKey ? 'set' : 'absent'}`,
  );
  await Promise.all(ids.map((id) => postTo(event, id, data)));
  console.log(`posted to ${ids.length} connections`);
}
