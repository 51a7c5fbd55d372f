/**
 * stale-module-state, BROKEN: the game lives in a module-scope variable, as the workshop's
 * `game_params` did. It is written to DynamoDB after an answer but never read back, so each
 * Lambda instance goes on believing its own copy.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  broadcast,
  db,
  firstGame,
  keepUserTable,
  nextGame,
  OK,
  parseChat,
  type WsEvent,
  type WsResult,
} from '../kit/lambda.ts';
import { wordAt } from '../kit/words.ts';

let game = firstGame();

export async function handler(event: WsEvent): Promise<WsResult> {
  if (await keepUserTable(event)) return OK;

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
