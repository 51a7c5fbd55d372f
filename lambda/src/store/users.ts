/**
 * One User row per open connection: its room, its player name and its score. Rooms are listed by
 * Query on the room index, page by page; the workshop's single Scan silently stopped at 1 MB.
 */
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ROOM_INDEX } from '../config.ts';
import type { ScoreEntry } from '../protocol/outgoing.ts';
import { isConditionFailed } from './errors.ts';

export interface Connection {
  connectionId: string;
  room: string;
  username?: string;
  answerCnt: number;
}

export type ScoreResult =
  | { status: 'counted'; answerCnt: number }
  | { status: 'already-counted' | 'connection-gone' };

export class UserStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async connect(
    connection: { connectionId: string; room: string; username?: string },
    now: Date,
  ): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...connection, answerCnt: 0, connectedAt: now.toISOString() },
      }),
    );
  }

  async disconnect(connectionId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { connectionId } }));
  }

  async get(connectionId: string): Promise<Connection | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { connectionId }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const connection: Connection = {
      connectionId,
      room: String(Item.room),
      answerCnt: Number(Item.answerCnt ?? 0),
    };
    if (typeof Item.username === 'string') connection.username = Item.username;
    return connection;
  }

  /** Moves the connection into `room` under `username`, creating the row if $connect's write is missing. */
  async join(connectionId: string, room: string, username: string, now: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { connectionId },
        UpdateExpression:
          'SET #room = :room, #username = :username, #cnt = if_not_exists(#cnt, :zero), #joined = :now',
        ExpressionAttributeNames: {
          '#room': 'room',
          '#username': 'username',
          '#cnt': 'answerCnt',
          '#joined': 'joinedAt',
        },
        ExpressionAttributeValues: {
          ':room': room,
          ':username': username,
          ':zero': 0,
          ':now': now.toISOString(),
        },
      }),
    );
  }

  /**
   * Adds one point for the round named `roundKey`. Idempotent: the row remembers the last round it
   * counted, so an SDK retry of an update that already landed cannot count twice.
   */
  async addScore(connectionId: string, roundKey: string): Promise<ScoreResult> {
    try {
      const updated = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { connectionId },
          ConditionExpression:
            'attribute_exists(#id) AND (attribute_not_exists(#lastWin) OR #lastWin <> :round)',
          UpdateExpression: 'SET #lastWin = :round ADD #cnt :one',
          ExpressionAttributeNames: {
            '#id': 'connectionId',
            '#lastWin': 'lastWinRound',
            '#cnt': 'answerCnt',
          },
          ExpressionAttributeValues: { ':round': roundKey, ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { status: 'counted', answerCnt: Number(updated.Attributes?.answerCnt ?? 0) };
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const row = await this.get(connectionId);
      return { status: row ? 'already-counted' : 'connection-gone' };
    }
  }

  /** The room's connection ids, one Query page at a time (`pageSize` forces small pages in tests). */
  async *roomConnectionPages(room: string, pageSize?: number): AsyncGenerator<string[]> {
    for await (const items of this.queryRoom(room, ['connectionId'], pageSize)) {
      yield items.map((item) => String(item.connectionId));
    }
  }

  /**
   * Scores of everyone in the room, highest first. The room index is eventually consistent on AWS,
   * so counts the caller has just written (`fresh`, by connection id) win over what it returns.
   */
  async roomScores(
    room: string,
    pageSize?: number,
    fresh?: ReadonlyMap<string, number>,
  ): Promise<ScoreEntry[]> {
    const scores: ScoreEntry[] = [];
    for await (const items of this.queryRoom(room, ['connectionId', 'username', 'answerCnt'], pageSize)) {
      for (const item of items) {
        scores.push({
          username: typeof item.username === 'string' ? item.username : 'anonymous',
          answerCnt: fresh?.get(String(item.connectionId)) ?? Number(item.answerCnt ?? 0),
        });
      }
    }
    return scores.sort((a, b) => b.answerCnt - a.answerCnt || a.username.localeCompare(b.username));
  }

  private async *queryRoom(
    room: string,
    attributes: string[],
    pageSize: number | undefined,
  ): AsyncGenerator<Record<string, unknown>[]> {
    const names: Record<string, string> = { '#room': 'room' };
    for (const [i, name] of attributes.entries()) names[`#p${i}`] = name;
    const projection = attributes.map((_, i) => `#p${i}`).join(', ');
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: ROOM_INDEX,
          KeyConditionExpression: '#room = :room',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':room': room },
          ProjectionExpression: projection,
          ExclusiveStartKey: startKey,
          Limit: pageSize,
        }),
      );
      yield page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
