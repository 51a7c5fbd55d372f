/**
 * Plumbing the pitfall handlers share, so that each `broken.ts` / `fixed.ts` holds only the code
 * its pitfall is about. It runs inside the emulated Lambda, on SDK v3 as the Node.js runtimes do.
 */
import {
  ApiGatewayManagementApiClient,
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
import { initialConsonants } from '../../../lambda/src/rules/consonants.ts';
import { wordAt } from './words.ts';

export type WsEvent = APIGatewayProxyWebsocketEventV2;
export type WsResult = APIGatewayProxyResultV2;

export const OK: WsResult = { statusCode: 200, body: 'ok' };

export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** 사과 → ㅅㄱ */
export function consonantsOf(word: string): string {
  return initialConsonants(word);
}

/** The 2019 client's chat frame. */
export interface Chat {
  username: string;
  content: string;
}

/** `{ "username", "content" }` as a Chat; anything else (`start!`) is not chat. */
export function parseChat(body: string | undefined): Chat | undefined {
  try {
    const payload = JSON.parse(body ?? '') as Record<string, unknown>;
    if (typeof payload.username === 'string' && typeof payload.content === 'string') {
      return { username: payload.username, content: payload.content };
    }
  } catch {
    // Not JSON, so not chat.
  }
  return undefined;
}

/**
 * Lesson 3's chat function: User kept per connection, every chat handed to `broadcast`. For the
 * pitfalls whose broadcast is the part that goes wrong, so their files hold only that.
 */
export function chatHandler(broadcast: (event: WsEvent, chat: Chat) => Promise<void>) {
  return async (event: WsEvent): Promise<WsResult> => {
    if (await keepUserTable(event)) return OK;
    const chat = parseChat(event.body);
    if (chat) await broadcast(event, chat);
    return OK;
  };
}

/** Lesson 3's $connect/$disconnect: one User row per open connection. False for messages. */
export async function keepUserTable(event: WsEvent): Promise<boolean> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await db.send(new PutCommand({ TableName: 'User', Item: { connectionId, answerCnt: 0 } }));
    return true;
  }
  if (eventType === 'DISCONNECT') {
    await db.send(new DeleteCommand({ TableName: 'User', Key: { connectionId } }));
    return true;
  }
  return false;
}

let api: ApiGatewayManagementApiClient | undefined;

export function managementApi(event: WsEvent): ApiGatewayManagementApiClient {
  const { domainName, stage } = event.requestContext;
  api ??= new ApiGatewayManagementApiClient({
    endpoint: `https://${domainName}/${stage}`,
  });
  return api;
}

/** Rejects with GoneException (HTTP 410) when the connection is closed. */
export async function postTo(event: WsEvent, connectionId: string, data: object): Promise<void> {
  await managementApi(event).send(
    new PostToConnectionCommand({
      ConnectionId: connectionId,
      Data: new TextEncoder().encode(JSON.stringify(data)),
    }),
  );
}

export function isGone(error: unknown): boolean {
  return error instanceof Error && error.name === 'GoneException';
}

/** Every connection in User, page after page. */
export async function connectionIds(): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({ TableName: 'User', ProjectionExpression: 'connectionId', ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) ids.push(String(item.connectionId));
    start = page.LastEvaluatedKey;
  } while (start);
  return ids;
}

/** The fixed app's broadcast, for demos whose pitfall lies elsewhere. */
export async function broadcast(event: WsEvent, data: object): Promise<void> {
  await Promise.all(
    (await connectionIds()).map(async (id) => {
      try {
        await postTo(event, id, data);
      } catch (error) {
        if (!isGone(error)) throw error;
        await db.send(new DeleteCommand({ TableName: 'User', Key: { connectionId: id } }));
      }
    }),
  );
}

/** One more point for the player. An ADD, so points scored at the same moment all count. */
export async function addPoint(connectionId: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: 'User',
      Key: { connectionId },
      UpdateExpression: 'ADD answerCnt :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

/** The workshop's Game row (`id` 1), with the questions of words.ts. */
export interface Game {
  id: number;
  nowWordIdx: number;
  answeredWords: string;
  nowConsonant: string;
}

/** The game before anyone has answered: the first word's consonants. */
export function firstGame(): Game {
  return { id: 1, nowWordIdx: 0, answeredWords: '', nowConsonant: consonantsOf(wordAt(0)) };
}

/** The game once `answer` has been accepted: on to the next word. */
export function nextGame(game: Game, answer: string): Game {
  const nowWordIdx = game.nowWordIdx + 1;
  return {
    id: 1,
    nowWordIdx,
    answeredWords: [game.answeredWords, answer].filter(Boolean).join(', '),
    nowConsonant: consonantsOf(wordAt(nowWordIdx)),
  };
}

/** The Game row as every instance shares it (a consistent read); the first game while there is none. */
export async function readGame(): Promise<Game> {
  const { Item } = await db.send(new GetCommand({ TableName: 'Game', Key: { id: 1 }, ConsistentRead: true }));
  return (Item as Game | undefined) ?? firstGame();
}
