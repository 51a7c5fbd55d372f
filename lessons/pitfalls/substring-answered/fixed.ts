/**
 * substring-answered, FIXED: the answered words are kept as a set (a DynamoDB string set), so
 * "already answered" means "this exact word was answered". The 2019 client still gets its
 * `answeredWords` string, built from the set when the state is sent.
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
  answered: Set<string>;
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
      answered: new Set([...game.answered, chat.content]),
      nowConsonant: consonantsOf(wordAt(game.nowWordIdx + 1)),
    };
    await db.send(new PutCommand({ TableName: 'Game', Item: game }));
  }
  const { answered, ...state } = game;
  await broadcast(event, { ...state, answeredWords: [...answered].join(', ') });
  return OK;
}

function isAnswer(game: Game, content: string): boolean {
  if (game.answered.has(content)) return false;
  return content === wordAt(game.nowWordIdx);
}

async function readGame(): Promise<Game> {
  const { Item } = await db.send(new GetCommand({ TableName: 'Game', Key: { id: 1 }, ConsistentRead: true }));
  if (!Item) return { id: 1, nowWordIdx: 0, answered: new Set(), nowConsonant: consonantsOf(wordAt(0)) };
  // DynamoDB has no empty sets: no attribute means nothing answered yet.
  return { ...(Item as Game), answered: new Set(Item.answered as Set<string> | undefined) };
}
