/**
 * Lesson 2, part 2 of the check: the learner's RoomChat table and recentInRoom(), judged on the
 * answer and on how it was found. Every command the learner's code sends goes through a
 * document client whose middleware records its name and the items DynamoDB read for it.
 */

import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Checklist, describeError } from '../runner/checklist.ts';
import { tr } from '../runner/i18n.ts';

export interface RoomChatModule {
  roomChatTable: CreateTableCommandInput;
  recentInRoom: (
    doc: DynamoDBDocumentClient,
    room: string,
    limit: number,
  ) => Promise<ReadonlyArray<{ content?: unknown }>>;
}

export const ROOMS = ['general', 'quiz', 'random'];
export const MESSAGES = 240;

export async function checkKeyDesign(
  list: Checklist,
  client: DynamoDBClient,
  code: RoomChatModule,
): Promise<void> {
  const tableLabel = tr(
    'RoomChat: partition key `room`, sort key `timestamp`',
    'RoomChat: 파티션 키 `room`, 정렬 키 `timestamp`',
  );
  try {
    await client.send(new CreateTableCommand(code.roomChatTable));
    await waitUntilTableExists(
      { client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
      { TableName: 'RoomChat' },
    );
  } catch (error) {
    list.fail(
      tableLabel,
      describeError(error),
      tr(
        'DynamoDB refused the table: every attribute in KeySchema needs an AttributeDefinitions entry.',
        'DynamoDB가 테이블을 거부했습니다: KeySchema의 속성마다 AttributeDefinitions 항목이 필요합니다.',
      ),
    );
    return;
  }
  const table = (await client.send(new DescribeTableCommand({ TableName: 'RoomChat' }))).Table;
  const key = (table?.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(', ');
  const keyOk = list.expect(
    key === 'room:HASH, timestamp:RANGE',
    tableLabel,
    tr(`found ${key}`, `찾은 키: ${key}`),
    tr(
      'a sort key keeps a partition in order; the newest messages of a room are then at one end of it.',
      '정렬 키는 파티션을 순서대로 유지합니다. 그러면 방의 최신 메시지가 파티션 한쪽 끝에 모입니다.',
    ),
  );
  if (!keyOk) return;

  const doc = DynamoDBDocumentClient.from(client);
  const rows = Array.from({ length: MESSAGES }, (_, i) => ({
    room: ROOMS[i % ROOMS.length] ?? 'general',
    timestamp: new Date(Date.UTC(2019, 5, 26, 14, 0, i)).toISOString(),
    username: `player${i % 7}`,
    content: `message ${i}`,
  }));
  for (let i = 0; i < rows.length; i += 25)
    await doc.send(
      new BatchWriteCommand({
        RequestItems: { RoomChat: rows.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  const expected = rows
    .filter((r) => r.room === 'general')
    .sort((a, b) => b.timestamp.localeCompare(a.timestamp))
    .slice(0, 5)
    .map((r) => r.content);

  // The document client shares its client's middleware stack: the recorder comes off again below.
  const learnerDoc = DynamoDBDocumentClient.from(client);
  const sent: Array<{ command: string; scanned: number }> = [];
  learnerDoc.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const output = result.output as { ScannedCount?: number; Count?: number };
      sent.push({ command: String(context.commandName), scanned: output.ScannedCount ?? output.Count ?? 0 });
      return result;
    },
    { step: 'initialize', name: 'lessonRecorder' },
  );
  const answerLabel = tr(
    'recentInRoom(general, 5) gives the 5 newest messages of general, newest first',
    'recentInRoom(general, 5)이 general의 최신 메시지 5개를 최신 순으로 줌',
  );
  let answer: string[] = [];
  try {
    answer = (await code.recentInRoom(learnerDoc, 'general', 5)).map((r) => String(r.content));
  } catch (error) {
    list.fail(
      answerLabel,
      describeError(error),
      tr(
        'expression attribute names: `room` and `timestamp` are reserved words, so write #room and map it in ExpressionAttributeNames.',
        '`room`과 `timestamp`는 예약어라서 #room처럼 쓰고 ExpressionAttributeNames로 연결해야 합니다.',
      ),
    );
    return;
  }
  learnerDoc.middlewareStack.remove('lessonRecorder');
  list.expect(
    JSON.stringify(answer) === JSON.stringify(expected),
    answerLabel,
    tr(`got ${JSON.stringify(answer)}`, `받은 값: ${JSON.stringify(answer)}`),
    tr(
      'the sort key orders the partition oldest first; ScanIndexForward: false reads from the newest end, and Limit stops after that many.',
      '정렬 키는 오래된 것부터 정렬합니다. ScanIndexForward: false면 최신 쪽부터 읽고, Limit은 그만큼 읽고 멈춥니다.',
    ),
  );
  const scanned = sent.reduce((sum, s) => sum + s.scanned, 0);
  const commands = [...new Set(sent.map((s) => s.command))];
  const onlyQueries = commands.length > 0 && commands.every((c) => c === 'QueryCommand');
  list.expect(
    onlyQueries && scanned <= 5,
    tr(
      `it reads one room's newest items with Query, not all ${MESSAGES} with Scan`,
      `Scan으로 ${MESSAGES}개를 다 읽지 않고 Query로 한 방의 최신 항목만 읽음`,
    ),
    tr(
      `sent ${commands.join(', ') || 'nothing'}; DynamoDB read ${scanned} items for 5 answers`,
      `보낸 요청: ${commands.join(', ') || '없음'}; 답 5개를 위해 DynamoDB가 ${scanned}개를 읽었습니다`,
    ),
    onlyQueries
      ? // The Query is right; it reads the whole room and the code keeps the first five.
        tr(
          'the Query reads the whole room when it has no Limit; give it Limit: limit (with ScanIndexForward: false) so DynamoDB stops after the newest five.',
          'Limit이 없으면 Query가 방 전체를 읽습니다. Limit: limit을 (ScanIndexForward: false와 함께) 주면 DynamoDB가 최신 5개에서 멈춥니다.',
        )
      : tr(
          'a Scan reads (and bills) every item of every room; a Query reads only the partition its key condition names.',
          'Scan은 모든 방의 모든 항목을 읽고 비용을 냅니다. Query는 키 조건이 가리키는 파티션만 읽습니다.',
        ),
  );
  await client.send(new DeleteTableCommand({ TableName: 'RoomChat' })).catch(() => {});
}
