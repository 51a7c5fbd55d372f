/**
 * broadcast-in-connect, broken: $connect registers the player and sends them the game state at
 * once, which is how the workshop hoped to skip its extra screen. A connection only opens when
 * $connect returns, so the post is answered 410 Gone and the player never sees the state.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, keepUserTable, OK, postTo, type WsEvent, type WsResult } from '../kit/lambda.ts';

export async function handler(event: WsEvent): Promise<WsResult> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await db.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }));
    const { Item: game = {} } = await db.send(new GetCommand({ TableName: 'Game', Key: { id: 1 } }));
    try {
      // ← too early: this connection does not exist for @connections until we return
      await postTo(event, connectionId, game);
      console.log(`sent the game state to ${connectionId}`);
    } catch (e) {
      const error = e as Error & { $metadata?: { httpStatusCode?: number } };
      console.error(
        `post to ${connectionId} failed: ${error.name} (HTTP ${error.$metadata?.httpStatusCode})`,
      );
    }
    return OK;
  }
  await keepUserTable(event); // $disconnect forgets the player
  return OK;
}
