/**
 * Lesson 2, reference for part 2: a room's messages kept together by the key, read by one Query.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

export interface RoomChatRow {
  room: string;
  timestamp: string;
  username: string;
  content: string;
}

export const roomChatTable: CreateTableCommandInput = {
  TableName: 'RoomChat',
  KeySchema: [
    { AttributeName: 'room', KeyType: 'HASH' },
    { AttributeName: 'timestamp', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'room', AttributeType: 'S' },
    { AttributeName: 'timestamp', AttributeType: 'S' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
};

export async function recentInRoom(
  doc: DynamoDBDocumentClient,
  room: string,
  limit: number,
): Promise<RoomChatRow[]> {
  const page = await doc.send(
    new QueryCommand({
      TableName: 'RoomChat',
      // `room` and `timestamp` are reserved words in DynamoDB expressions, hence the #names.
      KeyConditionExpression: '#room = :room',
      ExpressionAttributeNames: { '#room': 'room' },
      ExpressionAttributeValues: { ':room': room },
      // The sort key orders a partition; false reads it from the newest end.
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (page.Items ?? []) as RoomChatRow[];
}
