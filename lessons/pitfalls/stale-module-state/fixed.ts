/**
 * stale-module-state, FIXED: nothing about the game is kept between invocations. Every message
 * reads the Game row, the one place all instances share.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  broadcast,
  consonantsOf,
  db,
  keepUserTable,
  OK,
  parseChat,
  type WsEvent,
  type WsResult,
} from '../kit/lambda.ts';
import { wordAt } from '../kit/words.ts';

interface Game {
  id: number;
  nowWordIdx: number;
  answeredWords: string;
  nowConsonant: string;
}

export async function handler(event: WsEvent): Promise<WsResult> {
  if (await keepUserTable(event)) return OK;

  const game = await readGame();
  const chat = parseChat(event.body);
  if (chat?.content === wordAt(game.nowWordIdx)) {
    game.answeredWords = [game.answeredWords, chat.content].filter(Boolean).join(', ');
    game.nowWordIdx += 1;
    game.nowConsonant = consonantsOf(wordAt(game.nowWordIdx));
    await db.send(new PutCommand({ TableName: 'Game', Item: game }));
  }
  // Each instance has a log stream of its own, so the log group shows which one said what.
  console.log(`game state sent: ${game.nowConsonant}`);
  await broadcast(event, game);
  return OK;
}

async function readGame(): Promise<Game> {
  const { Item } = await db.send(new GetCommand({ TableName: 'Game', Key: { id: 1 }, ConsistentRead: true }));
  return (
    (Item as Game | undefined) ?? {
      id: 1,
      nowWordIdx: 0,
      answeredWords: '',
      nowConsonant: consonantsOf(wordAt(0)),
    }
  );
}
