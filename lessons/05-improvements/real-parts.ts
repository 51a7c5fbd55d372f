/**
 * Lesson 5, part 2 of the check: the learner's conditional update, index Query and pagination,
 * run on a fresh engine with the app's own tables. Every command the learner's code sends passes
 * a recorder (a middleware on its own document client), so a right answer found the wrong way
 * (a Scan, one page) still shows.
 */
import { CreateTableCommand, type DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { appTables } from '../../lambda/src/tables.ts';
import { type Checklist, describeError } from '../runner/checklist.ts';
import { tr } from '../runner/i18n.ts';

export interface StoreModule {
  claimWord: (doc: DynamoDBDocumentClient, room: string, fromIdx: number) => Promise<boolean>;
  roomScores: (
    doc: DynamoDBDocumentClient,
    room: string,
    pageSize: number,
  ) => Promise<ReadonlyArray<{ username: string; answerCnt: number }>>;
}

export const RACERS = 5;
export const ROOM_PLAYERS = 7;
export const PAGE_SIZE = 2;

export async function checkRealParts(
  list: Checklist,
  client: DynamoDBClient,
  code: StoreModule,
): Promise<void> {
  for (const table of appTables) {
    await client.send(new CreateTableCommand(table));
    await waitUntilTableExists(
      { client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
      { TableName: table.TableName },
    );
  }
  const admin = DynamoDBDocumentClient.from(client);
  await checkRace(list, admin, code);
  await checkScores(list, client, admin, code);
}

async function checkRace(list: Checklist, admin: DynamoDBDocumentClient, code: StoreModule): Promise<void> {
  await admin.send(
    new PutCommand({ TableName: 'Game', Item: { room: 'race', nowWordIdx: 3, nowConsonant: 'ㄴㄹ' } }),
  );
  const label = tr(
    `claimWord: of ${RACERS} players answering word 3 at once, exactly one wins and the game moves once`,
    `claimWord: ${RACERS}명이 동시에 3번 단어를 맞혀도 딱 한 명만 이기고 게임은 한 번만 넘어감`,
  );
  let wins: boolean[];
  try {
    wins = await Promise.all(Array.from({ length: RACERS }, () => code.claimWord(admin, 'race', 3)));
  } catch (error) {
    list.fail(
      label,
      describeError(error),
      tr(
        'a failed condition is an answer, not an error: catch ConditionalCheckFailedException and return false.',
        '조건 실패는 오류가 아니라 답입니다: ConditionalCheckFailedException을 잡아 false를 돌려주세요.',
      ),
    );
    return;
  }
  const game = (
    await admin.send(new GetCommand({ TableName: 'Game', Key: { room: 'race' }, ConsistentRead: true }))
  ).Item;
  const winners = wins.filter(Boolean).length;
  list.expect(
    winners === 1 && game?.nowWordIdx === 4,
    label,
    tr(
      `${winners} of ${RACERS} calls returned true; the game is at word ${String(game?.nowWordIdx)}`,
      `${RACERS}번 중 ${winners}번이 true를 돌려줬고, 게임은 ${String(game?.nowWordIdx)}번 단어에 있습니다`,
    ),
    tr(
      'read-then-write lets everyone who read word 3 win (npm run pitfall -- answer-race); a ConditionExpression makes DynamoDB check and write in one step.',
      '읽고 나서 쓰면 3번 단어를 읽은 모두가 이깁니다 (npm run pitfall -- answer-race). ConditionExpression을 쓰면 DynamoDB가 확인과 쓰기를 한 번에 합니다.',
    ),
  );
}

async function checkScores(
  list: Checklist,
  client: DynamoDBClient,
  admin: DynamoDBDocumentClient,
  code: StoreModule,
): Promise<void> {
  const players = Array.from({ length: ROOM_PLAYERS }, (_, i) => ({
    connectionId: `conn-lesson5-${i}`,
    room: 'lesson5',
    username: `player${i + 1}`,
    answerCnt: i,
  }));
  const others = Array.from({ length: 3 }, (_, i) => ({
    connectionId: `conn-other-${i}`,
    room: 'other',
    username: `other${i + 1}`,
    answerCnt: 9,
  }));
  for (const Item of [...players, ...others]) await admin.send(new PutCommand({ TableName: 'User', Item }));

  // The document client shares its client's middleware stack: the recorder comes off again below.
  const learner = DynamoDBDocumentClient.from(client);
  const sent: Array<{ command: string; index?: string }> = [];
  learner.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string };
      sent.push({
        command: String(context.commandName),
        ...(input.IndexName ? { index: input.IndexName } : {}),
      });
      return next(args);
    },
    { step: 'initialize', name: 'lessonRecorder' },
  );
  const scoresLabel = tr(
    `roomScores follows every page: all ${ROOM_PLAYERS} players of the room, ${PAGE_SIZE} per request`,
    `roomScores가 모든 페이지를 따라감: 방의 플레이어 ${ROOM_PLAYERS}명 전부, 요청마다 ${PAGE_SIZE}명`,
  );
  let scores: ReadonlyArray<{ username: string; answerCnt: number }> = [];
  try {
    scores = await code.roomScores(learner, 'lesson5', PAGE_SIZE);
  } catch (error) {
    learner.middlewareStack.remove('lessonRecorder');
    list.fail(
      scoresLabel,
      describeError(error),
      tr('the error names the part DynamoDB refused.', '오류가 DynamoDB가 거부한 부분을 알려 줍니다.'),
    );
    return;
  }
  learner.middlewareStack.remove('lessonRecorder');
  const commands = [...new Set(sent.map((s) => (s.index ? `${s.command} on ${s.index}` : s.command)))];
  list.expect(
    sent.length > 0 && sent.every((s) => s.command === 'QueryCommand' && s.index === 'room-index'),
    tr(
      'roomScores reads the room-index with Query, not the whole table with Scan',
      'roomScores가 Scan으로 테이블 전체를 읽지 않고 Query로 room-index를 읽음',
    ),
    tr(`sent ${commands.join(', ') || 'nothing'}`, `보낸 요청: ${commands.join(', ') || '없음'}`),
    tr(
      'the index keeps each room’s connections together, so a Query reads only that room (broadcasts do the same).',
      '인덱스가 방마다 연결을 모아 두니 Query는 그 방만 읽습니다 (방송도 같은 방식).',
    ),
  );
  const names = scores.map((s) => s.username).sort();
  const expected = players.map((p) => p.username).sort();
  list.expect(
    JSON.stringify(names) === JSON.stringify(expected) && sent.length > ROOM_PLAYERS / PAGE_SIZE,
    scoresLabel,
    tr(
      `got ${scores.length} player(s) (${names.join(', ') || 'none'}) in ${sent.length} request(s)`,
      `${sent.length}번의 요청으로 ${scores.length}명 (${names.join(', ') || '없음'})을 받았습니다`,
    ),
    tr(
      'a page ends at Limit items; LastEvaluatedKey says where the next one starts (npm run pitfall -- unpaginated-scan).',
      '한 페이지는 Limit개에서 끝나고, LastEvaluatedKey가 다음 페이지의 시작을 알려 줍니다 (npm run pitfall -- unpaginated-scan).',
    ),
  );
}
