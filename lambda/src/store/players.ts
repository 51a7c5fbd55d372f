/**
 * Players per room: (room, nickname) → token hash, the connection that holds the nickname now,
 * and the score. Scores live here, not on the connection, so a refresh or an auto-reconnect keeps
 * them, and every player of a room reads the same table (a strongly consistent Query).
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ScoreEntry } from '../protocol/outgoing.ts';
import type { PlayerClaim } from '../rules/identity.ts';
import { isConditionFailed, writeIf } from './errors.ts';

export interface PlayerKey {
  room: string;
  nickname: string;
}

export type PlayerScoreResult = { status: 'counted'; score: number } | { status: 'already-counted' };

export class PlayerStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(key: PlayerKey): Promise<PlayerClaim | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { ...key }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      tokenHash: typeof Item.tokenHash === 'string' ? Item.tokenHash : undefined,
      connectionId: typeof Item.connectionId === 'string' ? Item.connectionId : undefined,
    };
  }

  /** Creates the player unless someone created it first (then false: decide again). */
  async create(
    key: PlayerKey,
    connectionId: string,
    tokenHash: string | undefined,
    now: Date,
  ): Promise<boolean> {
    const item: Record<string, unknown> = {
      ...key,
      connectionId,
      score: 0,
      joinedAt: now.toISOString(),
    };
    if (tokenHash !== undefined) item.tokenHash = tokenHash;
    return writeIf(() =>
      this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#nickname)',
          ExpressionAttributeNames: { '#nickname': 'nickname' },
        }),
      ),
    );
  }

  /**
   * Moves the nickname to `connectionId` if it is still held by `from` (what the caller read), so
   * two connections racing for one nickname cannot both win. False: decide again.
   */
  async takeOver(
    key: PlayerKey,
    from: PlayerClaim,
    connectionId: string,
    claimTokenHash: string | undefined,
    now: Date,
  ): Promise<boolean> {
    const names: Record<string, string> = {
      '#conn': 'connectionId',
      '#seen': 'seenAt',
      '#token': 'tokenHash',
    };
    const values: Record<string, unknown> = { ':to': connectionId, ':now': now.toISOString() };
    let update = 'SET #conn = :to, #seen = :now';
    if (claimTokenHash !== undefined) {
      update += ', #token = :token';
      values[':token'] = claimTokenHash;
    }
    let condition: string;
    if (from.connectionId === undefined) condition = 'attribute_not_exists(#conn)';
    else {
      condition = '#conn = :from';
      values[':from'] = from.connectionId;
    }
    condition +=
      from.tokenHash === undefined ? ' AND attribute_not_exists(#token)' : ' AND #token = :readToken';
    if (from.tokenHash !== undefined) values[':readToken'] = from.tokenHash;
    return writeIf(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { ...key },
          ConditionExpression: condition,
          UpdateExpression: update,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  /**
   * One point for the round named `roundKey`, idempotent like the workshop's answerCnt should have
   * been: the row remembers the last round it counted. Creates the row for a player who never
   * joined (a 2019 client that named itself in $connect's query string).
   */
  async addScore(key: PlayerKey, roundKey: string): Promise<PlayerScoreResult> {
    try {
      const updated = await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { ...key },
          ConditionExpression: 'attribute_not_exists(#lastWin) OR #lastWin <> :round',
          UpdateExpression: 'SET #lastWin = :round ADD #score :one',
          ExpressionAttributeNames: { '#lastWin': 'lastWinRound', '#score': 'score' },
          ExpressionAttributeValues: { ':round': roundKey, ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return { status: 'counted', score: Number(updated.Attributes?.score ?? 0) };
    } catch (error) {
      if (isConditionFailed(error)) return { status: 'already-counted' };
      throw error;
    }
  }

  /** Every player the room has had, highest score first, ties by name. */
  async roomScores(room: string, pageSize?: number): Promise<ScoreEntry[]> {
    const scores: ScoreEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#room = :room',
          ExpressionAttributeNames: { '#room': 'room', '#nickname': 'nickname', '#score': 'score' },
          ExpressionAttributeValues: { ':room': room },
          ProjectionExpression: '#nickname, #score',
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
          Limit: pageSize,
        }),
      );
      for (const item of page.Items ?? []) {
        scores.push({ username: String(item.nickname), answerCnt: Number(item.score ?? 0) });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return scores.sort((a, b) => b.answerCnt - a.answerCnt || a.username.localeCompare(b.username));
  }
}
