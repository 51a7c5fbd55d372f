/**
 * Lesson 2, exercise part 2: key design — Query instead of Scan.
 * 2강 연습 2부: 키 설계 — Scan 대신 Query.
 *
 * The workshop keys Chat by `timestamp`: every message is its own partition, so "the newest
 * messages of room general" can only be answered by reading the whole table (a Scan) and
 * filtering. Reads cost per item read, and a Scan reads them all. A table keyed by `room`
 * (partition key) and `timestamp` (sort key) keeps each room's messages together, in time
 * order, and one Query reads just those.
 * 워크숍의 Chat은 `timestamp`가 키라서 메시지마다 파티션이 따로입니다. 그래서 "general 방의 최신
 * 메시지"를 찾으려면 테이블 전체를 읽고(Scan) 걸러야 합니다. 읽기 비용은 읽은 항목 수만큼이고
 * Scan은 전부 읽습니다. `room`(파티션 키)과 `timestamp`(정렬 키)로 키를 잡으면 방의 메시지가
 * 시간 순서로 모여 있고, Query 한 번이 그것만 읽습니다.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

export interface RoomChatRow {
  room: string;
  timestamp: string;
  username: string;
  content: string;
}

export const roomChatTable: CreateTableCommandInput = {
  TableName: 'RoomChat',
  // TODO: `room` is the partition key (HASH); add `timestamp` as the sort key (RANGE).
  //       `room`이 파티션 키(HASH)입니다. `timestamp`를 정렬 키(RANGE)로 추가하세요.
  KeySchema: [{ AttributeName: 'room', KeyType: 'HASH' }],
  // TODO: every key attribute needs a definition (both are strings).
  //       키 속성마다 정의가 필요합니다 (둘 다 문자열).
  AttributeDefinitions: [{ AttributeName: 'room', AttributeType: 'S' }],
  BillingMode: 'PAY_PER_REQUEST',
};

/** The newest `limit` messages of `room`, newest first. 방의 최신 메시지 `limit`개, 최신 순. */
export async function recentInRoom(doc: DynamoDBDocumentClient, room: string, limit: number): Promise<RoomChatRow[]> {
  // TODO: this reads every message of every room. Ask for one room's partition only, newest
  //       first, at most `limit` items: a QueryCommand with a KeyConditionExpression.
  // TODO: 이 코드는 모든 방의 모든 메시지를 읽습니다. 한 방의 파티션만, 최신 순으로, 최대 `limit`개를
  //       요청하세요: KeyConditionExpression을 쓰는 QueryCommand.
  const rows: RoomChatRow[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: 'RoomChat', ExclusiveStartKey: start }));
    rows.push(...((page.Items ?? []) as RoomChatRow[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return rows
    .filter((row) => row.room === room)
    .sort((a, b) => b.timestamp.localeCompare(a.timestamp))
    .slice(0, limit);
}
