/**
 * Lesson 5, reference for part 2: one winner by a conditional update, a room's scores by a
 * Query on the room index, every page read. lambda/src/store/ does the same for the whole app.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export const ROOM_INDEX = 'room-index';

export async function claimWord(
  doc: DynamoDBDocumentClient,
  room: string,
  fromIdx: number,
): Promise<boolean> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: 'Game',
        Key: { room },
        // DynamoDB checks and writes in one step: of two callers at fromIdx, only the first moves it.
        ConditionExpression: 'nowWordIdx = :from',
        UpdateExpression: 'SET nowWordIdx = :next',
        ExpressionAttributeValues: { ':from': fromIdx, ':next': fromIdx + 1 },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export interface Score {
  username: string;
  answerCnt: number;
}

export async function roomScores(
  doc: DynamoDBDocumentClient,
  room: string,
  pageSize: number,
): Promise<Score[]> {
  const scores: Score[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: 'User',
        IndexName: ROOM_INDEX,
        KeyConditionExpression: '#room = :room',
        ExpressionAttributeNames: { '#room': 'room' },
        ExpressionAttributeValues: { ':room': room },
        Limit: pageSize,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? [])
      scores.push({ username: String(item.username), answerCnt: Number(item.answerCnt ?? 0) });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return scores;
}
