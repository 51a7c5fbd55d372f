/**
 * Lesson 4, reference: the workshop's whole game in one function. $connect/$disconnect keep User
 * current (lesson 3); $default saves each chat, checks it against the current word, and
 * broadcasts the chat and the game state to every connection. Workshop step 4-1, typed, on SDK v3.
 */
import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const USER_TABLE = 'User';
const CHAT_TABLE = 'Chat';
const GAME_TABLE = 'Game';
const GAME_ID = 1;

/** The questions, in order. Lesson 5 moves them out of the code. */
export const WORDS = [
  '사과',
  '바나나',
  '자동차',
  '비행기',
  '컴퓨터',
  '도서관',
  '냉장고',
  '고양이',
  '운동장',
  '무지개',
];

/** What the Game table holds and what the 2019 client reads. */
export interface GameState {
  id: number;
  nowWordIdx: number;
  /** Words already answered, joined by ", " (the client expects one string). */
  answeredWords: string;
  nowConsonant: string;
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;

  if (eventType === 'CONNECT') {
    await db.send(new PutCommand({ TableName: USER_TABLE, Item: { connectionId, answerCnt: 0 } }));
    // The first player in an empty room starts a fresh game, as the workshop did.
    if ((await connectionIds()).length === 1) await saveGame(newGame());
    return { statusCode: 200, body: 'Connected.' };
  }

  if (eventType === 'DISCONNECT') {
    await db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId } }));
    return { statusCode: 200, body: 'Disconnected.' };
  }

  if (eventType === 'MESSAGE') {
    const chat = parseChat(event.body);
    if (chat) {
      await db.send(
        new PutCommand({
          TableName: CHAT_TABLE,
          Item: {
            timestamp: new Date().toISOString(),
            room: 'general',
            username: chat.username,
            content: chat.content,
          },
        }),
      );
      const game = await readGame();
      if (isAnswer(game, chat.content)) {
        await addScore(connectionId);
        await saveGame(nextGame(game, chat.content.normalize('NFC')));
      }
      await broadcast(event, chat);
    }
    // Anything else (the client's first "start!") only asks for the current state.
    await broadcast(event, await readGame());
    return { statusCode: 200, body: 'Data sent.' };
  }

  return { statusCode: 404, body: 'illegal access' };
}

/** `{ "username": "…", "content": "…" }`, both strings, exact case; anything else is not chat. */
function parseChat(body: string | undefined): { username: string; content: string } | undefined {
  try {
    const payload = JSON.parse(body ?? '') as Record<string, unknown>;
    if (typeof payload.username === 'string' && typeof payload.content === 'string') {
      return { username: payload.username, content: payload.content };
    }
  } catch {
    // Not JSON: not chat.
  }
  return undefined;
}

export function isAnswer(game: GameState, content: string): boolean {
  // The same syllables can arrive decomposed (NFD); compare the composed form the list uses.
  const word = content.normalize('NFC');
  const answered = game.answeredWords.split(', ').filter(Boolean);
  // Whole words, not a substring test: "사과" must not count as answered because "사과나무" was.
  return word === WORDS[game.nowWordIdx] && !answered.includes(word);
}

export function nextGame(game: GameState, answer: string): GameState {
  const nowWordIdx = (game.nowWordIdx + 1) % WORDS.length;
  // A new round starts when the list wraps around.
  const answeredWords =
    nowWordIdx === 0 ? '' : [...game.answeredWords.split(', ').filter(Boolean), answer].join(', ');
  return { id: GAME_ID, nowWordIdx, answeredWords, nowConsonant: initialConsonants(WORDS[nowWordIdx] ?? '') };
}

function newGame(): GameState {
  return { id: GAME_ID, nowWordIdx: 0, answeredWords: '', nowConsonant: initialConsonants(WORDS[0] ?? '') };
}

async function readGame(): Promise<GameState> {
  const { Item } = await db.send(
    new GetCommand({ TableName: GAME_TABLE, Key: { id: GAME_ID }, ConsistentRead: true }),
  );
  return (Item as GameState | undefined) ?? newGame();
}

async function saveGame(game: GameState): Promise<void> {
  await db.send(new PutCommand({ TableName: GAME_TABLE, Item: game }));
}

async function addScore(connectionId: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: USER_TABLE,
      Key: { connectionId },
      UpdateExpression: 'ADD answerCnt :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

async function connectionIds(): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: USER_TABLE,
        ProjectionExpression: 'connectionId',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) ids.push(String(item.connectionId));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

async function broadcast(event: APIGatewayProxyWebsocketEventV2, data: object): Promise<void> {
  const { domainName, stage } = event.requestContext;
  const api = new ApiGatewayManagementApiClient({
    endpoint: `https://${domainName}/${stage}`,
  });
  const body = new TextEncoder().encode(JSON.stringify(data));
  await Promise.all(
    (await connectionIds()).map(async (id) => {
      try {
        await api.send(new PostToConnectionCommand({ ConnectionId: id, Data: body }));
      } catch (error) {
        // 410: the client left without a $disconnect; forget it. Anything else is worth a log line.
        if (error instanceof GoneException)
          await db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId: id } }));
        else console.error(`post to ${id} failed: ${(error as Error).name}: ${(error as Error).message}`);
      }
    }),
  );
}

/** 초성 of each syllable: 사과 → ㅅㄱ. Hangul syllables are laid out so that the initial is (code − 가) / 588. */
export function initialConsonants(word: string): string {
  const initials = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
  let result = '';
  for (const char of word) {
    const offset = (char.codePointAt(0) ?? 0) - 0xac00;
    if (offset >= 0 && offset < 11172) result += initials[Math.floor(offset / 588)];
  }
  return result;
}
