/**
 * substring-answered, BROKEN: the workshop's answeredWords is one comma-joined string, and
 * `includes` on a string looks for a substring. Once "사과나무" is answered, "사과" counts as
 * answered too, although nobody has said it.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  addPoint,
  broadcast,
  consonantsOf,
  db,
  keepUserTable,
  OK,
  parseChat,
  type WsEvent,
  type WsResult,
} from '../kit/lambda.ts';
import { wordAt } from './words.ts';

interface Game {
  id: number;
  nowWordIdx: number;
  answeredWords: string;
  nowConsonant: string;
}

export async function handler(event: WsEvent): Promise<WsResult> {
  if (await keepUserTable(event)) return OK;

  let game = await readGame();
  const chat = parseChat(event.body);
  if (chat && isAnswer(game, chat.content)) {
    await addPoint(event.requestContext.connectionId);
    game = {
      id: 1,
      nowWordIdx: game.nowWordIdx + 1,
      answeredWords: `${game.answeredWords}, ${chat.content}`,
      nowConsonant: consonantsOf(wordAt(game.nowWordIdx + 1)),
    };
    await db.send(new PutCommand({ TableName: 'Game', Item: game }));
  }
  await broadcast(event, game);
  return OK;
}

function isAnswer(game: Game, content: string): boolean {
  if (game.answeredWords.includes(content)) return false;
  return content === wordAt(game.nowWordIdx);
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
