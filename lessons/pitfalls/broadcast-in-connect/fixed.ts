/**
 * broadcast-in-connect, fixed: $connect only registers the player. Once connected, the client
 * sends `{"action":"join"}` and the state goes back to that open connection.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, keepUserTable, OK, postTo, type WsEvent, type WsResult } from '../kit/lambda.ts';

export async function handler(event: WsEvent): Promise<WsResult> {
  // $connect only registers the player (and $disconnect forgets them).
  if (await keepUserTable(event)) return OK;
  if (isJoin(event.body)) {
    const { connectionId } = event.requestContext;
    const { Item: game = {} } = await db.send(new GetCommand({ TableName: 'Game', Key: { id: 1 } }));
    await postTo(event, connectionId, game);
    console.log(`sent the game state to ${connectionId}, who asked for it`);
  }
  return OK;
}

function isJoin(body: string | undefined): boolean {
  try {
    return (JSON.parse(body ?? '') as { action?: unknown }).action === 'join';
  } catch {
    return false;
  }
}
