/**
 * stale-module-state, FIXED: nothing about the game is kept between invocations. Every message
 * reads the Game row, the one place all instances share.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  broadcast,
  db,
  keepUserTable,
  nextGame,
  OK,
  parseChat,
  readGame,
  type WsEvent,
  type WsResult,
} from '../kit/lambda.ts';
import { wordAt } from '../kit/words.ts';

export async function handler(event: WsEvent): Promise<WsResult> {
  if (await keepUserTable(event)) return OK;

  let game = await readGame();
  const chat = parseChat(event.body);
  if (chat?.content === wordAt(game.nowWordIdx)) {
    game = nextGame(game, chat.content);
    await db.send(new PutCommand({ TableName: 'Game', Item: game }));
  }
  // Each instance has a log stream of its own, so the log group shows which one said what.
  console.log(`game state sent: ${game.nowConsonant}`);
  await broadcast(event, game);
  return OK;
}
