/**
 * One Game row per room. The only write that moves a game forward is a conditional update on the
 * round it read, so when fifty players send the right word at once exactly one update succeeds.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AnswerEntry, GameState } from '../rules/game.ts';
import { isConditionFailed, writeIf } from './errors.ts';

export interface Winner {
  connectionId: string;
  username: string;
  word: string;
}

export class GameStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async load(room: string): Promise<GameState | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { room }, ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  }

  /**
   * Names of rooms that have a game, up to `limit`: one row per room keeps this Scan small, and
   * the first screen only needs a handful.
   */
  async listRooms(limit: number): Promise<string[]> {
    const rooms: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.table,
          ProjectionExpression: '#room',
          ExpressionAttributeNames: { '#room': 'room' },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) if (typeof item.room === 'string') rooms.push(item.room);
      startKey = page.LastEvaluatedKey;
    } while (startKey && rooms.length < limit);
    return rooms.slice(0, limit);
  }

  /** Writes `state` unless the room already has a game; returns the game the room has now. */
  async create(state: GameState, now: Date): Promise<GameState> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: toItem(state, now),
          ConditionExpression: 'attribute_not_exists(#room)',
          ExpressionAttributeNames: { '#room': 'room' },
        }),
      );
      return state;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const existing = await this.load(state.room);
      if (!existing) throw new Error(`game for room "${state.room}" exists and vanished at once`);
      return existing;
    }
  }

  /**
   * Moves `from` to `to` if nobody else did first: the condition pins the round that was read and
   * that the word is not in the answered set. Returns false when another player won the race.
   */
  async advance(from: GameState, to: GameState, winner: Winner, now: Date): Promise<boolean> {
    const wrapped = to.answered.size === 0;
    const names: Record<string, string> = {
      '#idx': 'nowWordIdx',
      '#consonant': 'nowConsonant',
      '#round': 'round',
      '#answered': 'answered',
      '#last': 'lastAnswer',
      '#updated': 'updatedAt',
      '#position': 'position',
      '#history': 'history',
    };
    const values: Record<string, unknown> = {
      ':fromIdx': from.nowWordIdx,
      ':fromRound': from.round,
      ':word': winner.word,
      ':toIdx': to.nowWordIdx,
      ':consonant': to.nowConsonant,
      ':toRound': to.round,
      ':last': { username: winner.username, word: winner.word, connectionId: winner.connectionId },
      ':updated': now.toISOString(),
      ':position': to.position ?? 0,
      // The whole (bounded) list: the condition on the round makes this write the only one.
      ':history': to.history.map((entry) => ({ ...entry })),
    };
    const set =
      'SET #idx = :toIdx, #consonant = :consonant, #round = :toRound, #last = :last, #updated = :updated, #position = :position, #history = :history';
    let update: string;
    if (wrapped) {
      update = `${set} REMOVE #answered`;
    } else {
      update = `${set} ADD #answered :wordSet`;
      values[':wordSet'] = new Set([winner.word]);
    }
    return writeIf(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { room: from.room },
          ConditionExpression:
            '#idx = :fromIdx AND #round = :fromRound AND (attribute_not_exists(#answered) OR NOT contains(#answered, :word))',
          UpdateExpression: update,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }
}

function toItem(state: GameState, now: Date): Record<string, unknown> {
  const item: Record<string, unknown> = {
    room: state.room,
    id: state.id,
    nowWordIdx: state.nowWordIdx,
    nowConsonant: state.nowConsonant,
    round: state.round,
    history: state.history.map((entry) => ({ ...entry })),
    updatedAt: now.toISOString(),
  };
  if (state.position !== undefined) item.position = state.position;
  // DynamoDB has no empty sets: an empty answered set is an absent attribute.
  if (state.answered.size > 0) item.answered = new Set(state.answered);
  if (state.lastAnswer) item.lastAnswer = state.lastAnswer;
  return item;
}

function fromItem(item: Record<string, unknown>): GameState {
  const answered = item.answered instanceof Set ? new Set(item.answered as Set<string>) : new Set<string>();
  const state: GameState = {
    room: String(item.room),
    id: Number(item.id),
    nowWordIdx: Number(item.nowWordIdx),
    nowConsonant: String(item.nowConsonant),
    answered,
    round: Number(item.round ?? 0),
    history: historyFrom(item.history),
  };
  if (typeof item.position === 'number') state.position = item.position;
  const last = item.lastAnswer as { username?: unknown; word?: unknown } | undefined;
  if (last && typeof last.username === 'string' && typeof last.word === 'string') {
    state.lastAnswer = { username: last.username, word: last.word };
  }
  return state;
}

function historyFrom(value: unknown): AnswerEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: { username?: unknown; word?: unknown; consonant?: unknown }) =>
    typeof entry?.username === 'string' &&
    typeof entry.word === 'string' &&
    typeof entry.consonant === 'string'
      ? [{ username: entry.username, word: entry.word, consonant: entry.consonant }]
      : [],
  );
}
