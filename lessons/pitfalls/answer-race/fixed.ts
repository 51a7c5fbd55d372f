/**
 * answer-race, FIXED: moving the game on is one conditional write that only succeeds while the
 * row still holds the word index this message read. DynamoDB applies writes to an item one at a
 * time, so of all the players who read the same word exactly one write passes; only its sender
 * scores.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  addPoint,
  broadcast,
  db,
  type Game,
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
    if (chat.content === wordAt(game.nowWordIdx) && (await advance(game, chat.content))) {
      await addPoint(connectionId);
    }
  }
  await broadcast(event, await readGame());
  return OK;
}

/** True when this message moved the game on; false when another player's write got there first. */
async function advance(game: Game, answer: string): Promise<boolean> {
  const next = nextGame(game, answer);
  try {
    await db.send(
      new UpdateCommand({
        TableName: 'Game',
        Key: { id: 1 },
        UpdateExpression: 'SET nowWordIdx = :next, nowConsonant = :consonant, answeredWords = :answered',
        ConditionExpression: 'nowWordIdx = :read',
        ExpressionAttributeValues: {
          ':read': game.nowWordIdx,
          ':next': next.nowWordIdx,
          ':consonant': next.nowConsonant,
          ':answered': next.answeredWords,
        },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
