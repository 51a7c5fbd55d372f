/**
 * One User row per open connection: its room and its player name (scores belong to players, in
 * store/players.ts, since a connection ends with every refresh; `answerCnt` stays 0). Rooms are listed by
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

export interface Connection {
  connectionId: string;
  room: string;
  username?: string;
  answerCnt: number;
}

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

  /** The room's connection ids, one Query page at a time (`pageSize` forces small pages in tests). */
  async *roomConnectionPages(room: string, pageSize?: number): AsyncGenerator<string[]> {
    for await (const items of this.queryRoom(room, ['connectionId'], pageSize)) {
      yield items.map((item) => String(item.connectionId));
    }
  }

  /** Whether `connectionId` is still open in `room` under `username` (its row is the proof). */
  async holds(connectionId: string, room: string, username: string): Promise<boolean> {
    const connection = await this.get(connectionId);
    return connection?.room === room && connection.username === username;
  }

  /** How many connections have joined `room` under a name (lobby sockets have none). */
  async countJoined(room: string): Promise<number> {
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: ROOM_INDEX,
          KeyConditionExpression: '#room = :room',
          FilterExpression: 'attribute_exists(#username)',
          ExpressionAttributeNames: { '#room': 'room', '#username': 'username' },
          ExpressionAttributeValues: { ':room': room },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      total += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return total;
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
