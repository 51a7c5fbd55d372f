/**
 * answer-race, BROKEN: the workshop's order of work. Read the game, check the answer, add the
 * score (itself a read and a write), then save the next word. While one player's message is
 * between its read and its last write, every other message reads the same row and scores too.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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
  const { connectionId } = event.requestContext;

  const chat = parseChat(event.body);
  if (chat) {
    const game = await readGame();
    if (chat.content === wordAt(game.nowWordIdx)) {
      await addScore(connectionId);
      await db.send(new PutCommand({ TableName: 'Game', Item: nextGame(game, chat.content) }));
    }
  }
  await broadcast(event, await readGame());
  return OK;
}

async function addScore(connectionId: string): Promise<void> {
  const { Item } = await db.send(new GetCommand({ TableName: 'User', Key: { connectionId } }));
  const answerCnt = Number(Item?.answerCnt ?? 0) + 1;
  await db.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt } }));
}
