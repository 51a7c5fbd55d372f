/**
 * stale-connections, BROKEN: the workshop's broadcast. A post that fails is caught and
 * forgotten, including the 410 Gone that says the player has left for good. Their User row
 * stays, and every later broadcast posts to it again.
 */
import { chatHandler, connectionIds, postTo, type WsEvent } from '../kit/lambda.ts';

export const handler = chatHandler(broadcast);

async function broadcast(event: WsEvent, data: object): Promise<void> {
  const ids = await connectionIds();
  await Promise.all(
    ids.map(async (id) => {
      try {
        await postTo(event, id, data);
      } catch {
        // The workshop returned { statusCode: 500 } from here, a value nobody reads.
      }
    }),
  );
  console.log(`posted to ${ids.length} connections`);
}
