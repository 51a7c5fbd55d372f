/**
 * Lesson 4, exercise: chat and the 초성 quiz on $default.
 * 4강 연습: $default에서 채팅과 초성퀴즈.
 *
 * In 2019 you replaced the whole Lambda code with the game version, then connected $default to
 * the function and deployed the API again. Here the lesson's stack routes $connect, $disconnect
 * and $default to this file; connect and disconnect are lesson 3's, done. Fill in the TODOs:
 * isAnswer and nextGame (checked first, on a table of cases), the post to each connection in
 * broadcast, and the MESSAGE branch. Then run `npm run lesson:4`.
 * 2019년에는 Lambda 코드 전체를 게임 버전으로 바꾸고 $default를 함수에 연결한 뒤 API를 다시
 * 배포했습니다. 여기서는 수업의 스택이 $connect, $disconnect, $default를 이 파일로 보냅니다.
 * 연결과 연결 끊기는 3강에서 끝났습니다. TODO를 채우세요: isAnswer와 nextGame (먼저 사례
 * 표로 검사합니다), broadcast에서 각 연결로 보내기, 그리고 MESSAGE 분기. 그다음
 * `npm run lesson:4`를 실행하세요.
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
      // TODO(save): keep the chat in the Chat table (the workshop's row: timestamp, room
      //   'general', username, content).
      // TODO(save): 채팅을 Chat 테이블에 저장하세요 (워크숍의 행: timestamp, room 'general',
      //   username, content).
      // TODO(answer): read the game; when the content is the answer, the sender scores a point
      //   and the game moves on (the helpers below do each step).
      // TODO(answer): 게임을 읽고, 내용이 정답이면 보낸 사람이 1점을 얻고 게임이 다음으로
      //   넘어갑니다 (아래 도우미 함수들이 한 단계씩 합니다).
      // TODO(chat): every player sees the chat. / TODO(chat): 모든 플레이어가 채팅을 봅니다.
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
  //   the answered words. game.answeredWords is one string, "사과, 바나나": compare whole words.
  //   Hangul can arrive decomposed (NFD); the check tries that too.
  // TODO: content가 현재 단어 WORDS[game.nowWordIdx]이고 이미 맞힌 단어가 아니면 true.
  //   game.answeredWords는 "사과, 바나나" 같은 문자열 하나입니다: 단어 전체로 비교하세요.
  //   한글은 자모로 풀린 형태(NFD)로 올 수도 있습니다. 검사는 그 경우도 봅니다.
  return false;
}

export function nextGame(game: GameState, answer: string): GameState {
  // TODO: move to the next word (wrap around to 0 after the last one, and then start
  //   answeredWords over), add `answer` to answeredWords, and set nowConsonant to the new word's 초성.
  // TODO: 다음 단어로 넘어가세요 (마지막 다음에는 0으로 돌아가고 answeredWords를 비웁니다).
  //   `answer`를 answeredWords에 더하고, nowConsonant를 새 단어의 초성으로 정하세요.
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
      // TODO(post): send `body` to the connection `id` through the @connections API (`api`):
      //   the workshop's postToConnection, in SDK v3 style (a command sent with api.send).
      // TODO(post): `api`(@connections API)로 연결 `id`에 `body`를 보내세요: 워크숍의
      //   postToConnection을 SDK v3 방식으로 (api.send로 보내는 명령).
      // TODO(gone): a connection that is gone answers 410 (GoneException): its client left
      //   without a $disconnect. Forget it (its row in User) and keep going; log other errors.
      //   One failed post must not stop the others.
      // TODO(gone): 사라진 연결은 410 (GoneException)으로 답합니다: 클라이언트가 $disconnect 없이
      //   떠났습니다. 그 연결(User의 행)을 지우고 계속하세요. 다른 오류는 로그로 남기세요.
      //   보내기 하나가 실패해도 나머지는 멈추면 안 됩니다.
      void id;
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
