/**
 * stale-connections, FIXED: a 410 Gone means that connection will never come back, so its User
 * row is deleted — the row of the connection that failed (`id`), not the sender's, which
 * aws-samples' chat app got wrong. Other errors are not swallowed.
 */
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { chatHandler, connectionIds, db, isGone, postTo, type WsEvent } from '../kit/lambda.ts';

export const handler = chatHandler(broadcast);

async function broadcast(event: WsEvent, data: object): Promise<void> {
  const ids = await connectionIds();
  await Promise.all(
    ids.map(async (id) => {
      try {
        await postTo(event, id, data);
      } catch (error) {
        if (!isGone(error)) throw error;
        await db.send(new DeleteCommand({ TableName: 'User', Key: { connectionId: id } }));
      }
    }),
  );
  console.log(`posted to ${ids.length} connections`);
}
