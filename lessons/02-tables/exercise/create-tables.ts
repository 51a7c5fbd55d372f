/**
 * Lesson 2, exercise: create the workshop's tables through the API.
 *
 * In 2019 you opened the DynamoDB console and pressed "Create table" three times, typing a name
 * and a partition key each time. Here each table is one CreateTable request. User is done for
 * you; finish Chat and Game, then run `npm run lesson:2`.
 *
 * Remember from the workshop: names and keys are case-sensitive ("User" is not "user").
 *
 * 2강 연습: 워크숍의 테이블을 API로 만들기. 2019년에는 DynamoDB 콘솔에서 "테이블 생성"을 세 번
 * 눌러 이름과 파티션 키를 입력했습니다. 여기서는 테이블마다 CreateTable 요청 하나입니다. User는 되어
 * 있으니 Chat과 Game을 마치고 `npm run lesson:2`를 실행하세요. 이름과 키는 대소문자를 구분합니다.
 * 2부는 room-chat.ts (키 설계: Scan 대신 Query).
 */
import {
  type CreateTableCommandInput,
  CreateTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

export const tables: CreateTableCommandInput[] = [
  {
    // One row per open WebSocket connection; the connection id is a string (S).
    TableName: 'User',
    KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'connectionId', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  },

  // TODO(Chat): add the Chat table. One row per chat message; its partition key is
  // `timestamp`, a string (the ISO time the message arrived). Copy the shape of User above.
  // TODO(Chat): Chat 테이블을 추가하세요. 채팅 메시지마다 행 하나; 파티션 키는 문자열
  // `timestamp` (메시지가 도착한 ISO 시간). 위 User의 모양을 따라 하세요.

  {
    // The game row. The workshop stores it under id 1.
    TableName: 'Game',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    // TODO(Game): the workshop's key `id` is a number. Which AttributeType is a number?
    // TODO(Game): 워크숍의 키 `id`는 숫자입니다. 숫자인 AttributeType은 무엇일까요?
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
];

export async function createTables(client: DynamoDBClient, log: (line: string) => void = console.log): Promise<void> {
  for (const table of tables) {
    log(`creating table ${table.TableName}…`);
    await client.send(new CreateTableCommand(table));
    // CreateTable returns while the table is still CREATING; wait until it is ACTIVE.
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: table.TableName });
  }
}
