/**
 * Lesson 4, exercise: chat and the 초성 quiz on $default.
 *
 * In 2019 you replaced the whole Lambda code with the game version, then connected $default to
 * the function and deployed the API again. Here the lesson's stack routes $connect, $disconnect
 * and $default to this file; connect and disconnect are lesson 3's, done. Fill in the TODOs in
 * the MESSAGE branch, isAnswer and nextGame, then run `npm run lesson:4`: two players join, one
 * chats, the other answers.
 */
import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
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
export const WORDS = ['사과', '바나나', '자동차', '비행기', '컴퓨터', '도서관', '냉장고', '고양이', '운동장', '무지개'];

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
      // TODO(save): put the chat into the Chat table:
      //   { timestamp: new Date().toISOString(), room: 'general', username, content }
      // TODO(answer): read the game (readGame), and if isAnswer(game, chat.content):
      //   add a point to this connection (addScore) and save nextGame(game, chat.content).
      // TODO(chat): send the chat to every player: broadcast(event, chat).
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
  // TODO: true when content is the current word, WORDS[game.nowWordIdx], and it is not among
  // the answered words. game.answeredWords is one string, "사과, 바나나": compare whole words.
  return false;
}

export function nextGame(game: GameState, answer: string): GameState {
  // TODO: move to the next word (wrap around to 0 after the last one, and then start
  // answeredWords over), add `answer` to answeredWords, and set nowConsonant to the new word's 초성.
  return game;
}

function newGame(): GameState {
  return { id: GAME_ID, nowWordIdx: 0, answeredWords: '', nowConsonant: initialConsonants(WORDS[0] ?? '') };
}

async function readGame(): Promise<GameState> {
  const { Item } = await db.send(new GetCommand({ TableName: GAME_TABLE, Key: { id: GAME_ID }, ConsistentRead: true }));
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
      new ScanCommand({ TableName: USER_TABLE, ProjectionExpression: 'connectionId', ExclusiveStartKey: start }),
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
        if (error instanceof GoneException) await db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId: id } }));
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
