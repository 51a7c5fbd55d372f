/**
 * Chat messages per room, sorted by a key of send time plus the gateway's message id: two messages
 * in the same millisecond (the workshop's `timestamp` key overwrote one of them) stay two rows.
 */
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ChatFrame } from '../protocol/outgoing.ts';

export class ChatStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** Stores the message; refuses (ConditionalCheckFailed) rather than overwrite an existing key. */
  async add(message: Omit<ChatFrame, 'type'>, messageId: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          room: message.room,
          messageKey: `${message.timestamp}#${messageId}`,
          timestamp: message.timestamp,
          username: message.username,
          content: message.content,
        },
        ConditionExpression: 'attribute_not_exists(#key)',
        ExpressionAttributeNames: { '#key': 'messageKey' },
      }),
    );
  }

  /** The room's last `limit` messages, oldest first: one Query, newest-first, reversed. */
  async recent(room: string, limit: number): Promise<ChatFrame[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#room = :room',
        ExpressionAttributeNames: { '#room': 'room' },
        ExpressionAttributeValues: { ':room': room },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).reverse().map((item) => ({
      type: 'chat' as const,
      username: String(item.username),
      content: String(item.content),
      room: String(item.room),
      timestamp: String(item.timestamp),
    }));
  }
}
