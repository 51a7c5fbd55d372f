/**
 * Lesson 5, exercise part 2: the real parts of the improved app, on its own tables.
 * 5강 연습 2부: 개선된 앱의 진짜 부품을, 앱의 테이블 위에서.
 *
 * Game is keyed by `room`; User has a global secondary index `room-index` (partition key `room`,
 * sort key `connectionId`, with `username` and `answerCnt` projected).
 * Game의 키는 `room`입니다. User에는 전역 보조 인덱스 `room-index`이 있습니다 (파티션 키 `room`,
 * 정렬 키 `connectionId`, `username`과 `answerCnt`를 함께 담음).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const ROOM_INDEX = 'room-index';

/**
 * Two players send the right word at the same moment: both read word 3, both think they won.
 * Settle it in DynamoDB: move the room's game from `fromIdx` to `fromIdx + 1` only if it is still
 * at `fromIdx`, and say whether this call was the one that moved it.
 * 두 사람이 같은 순간에 정답을 보냅니다: 둘 다 3번 단어를 읽었고 둘 다 이겼다고 생각합니다.
 * DynamoDB에서 결판을 내세요: 방의 게임이 아직 `fromIdx`에 있을 때만 `fromIdx + 1`로 옮기고,
 * 이 호출이 옮긴 것인지 알려 주세요.
 */
export async function claimWord(doc: DynamoDBDocumentClient, room: string, fromIdx: number): Promise<boolean> {
  // TODO: this update always succeeds, so every caller wins. Add a condition on nowWordIdx, and
  //       turn "the condition failed" into false (the SDK throws ConditionalCheckFailedException).
  // TODO: 이 업데이트는 항상 성공해서 모두가 이깁니다. nowWordIdx에 조건을 붙이고, "조건 실패"를
  //       false로 바꾸세요 (SDK는 ConditionalCheckFailedException을 던집니다).
  await doc.send(
    new UpdateCommand({
      TableName: 'Game',
      Key: { room },
      UpdateExpression: 'SET nowWordIdx = :next',
      ExpressionAttributeValues: { ':next': fromIdx + 1 },
    }),
  );
  void ConditionalCheckFailedException;
  return true;
}

export interface Score {
  username: string;
  answerCnt: number;
}

/**
 * Everyone in `room` with their score, read from the `room-index` index, `pageSize` items per request.
 * `room`에 있는 모든 사람과 점수를 `room-index` 인덱스에서, 요청마다 `pageSize`개씩 읽으세요.
 */
export async function roomScores(doc: DynamoDBDocumentClient, room: string, pageSize: number): Promise<Score[]> {
  // TODO(index): a Scan reads every connection of every room. Query the index instead
  //   (IndexName, a key condition on room; `room` is a reserved word, so name it #room).
  // TODO(index): Scan은 모든 방의 모든 연결을 읽습니다. 대신 인덱스에 Query 하세요
  //   (IndexName, room에 대한 키 조건; `room`은 예약어라 #room으로 씁니다).
  // TODO(pages): one request returns at most `pageSize` items (and at most 1 MB) and says where
  //   to go on (LastEvaluatedKey). Keep asking until it says nothing.
  // TODO(pages): 요청 하나는 최대 `pageSize`개 (그리고 최대 1MB)만 돌려주고 어디서 이어 갈지
  //   (LastEvaluatedKey) 알려 줍니다. 더 없다고 할 때까지 계속 요청하세요.
  const page = await doc.send(new ScanCommand({ TableName: 'User', Limit: pageSize }));
  return (page.Items ?? [])
    .filter((item) => item.room === room)
    .map((item) => ({ username: String(item.username), answerCnt: Number(item.answerCnt ?? 0) }));
}
