/**
 * One Game row per room. The only write that moves a game forward is a conditional update on the
 * round it read, so when fifty players send the right word at once exactly one update succeeds.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { GameState } from '../rules/game.ts';
import { isConditionFailed } from './errors.ts';

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
    };
    const set =
      'SET #idx = :toIdx, #consonant = :consonant, #round = :toRound, #last = :last, #updated = :updated';
    let update: string;
    if (wrapped) {
      update = `${set} REMOVE #answered`;
    } else {
      update = `${set} ADD #answered :wordSet`;
      values[':wordSet'] = new Set([winner.word]);
    }
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { room: from.room },
          ConditionExpression:
            '#idx = :fromIdx AND #round = :fromRound AND (attribute_not_exists(#answered) OR NOT contains(#answered, :word))',
          UpdateExpression: update,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }
}

function toItem(state: GameState, now: Date): Record<string, unknown> {
  const item: Record<string, unknown> = {
    room: state.room,
    id: state.id,
    nowWordIdx: state.nowWordIdx,
    nowConsonant: state.nowConsonant,
    round: state.round,
    updatedAt: now.toISOString(),
  };
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
  };
  const last = item.lastAnswer as { username?: unknown; word?: unknown } | undefined;
  if (last && typeof last.username === 'string' && typeof last.word === 'string') {
    state.lastAnswer = { username: last.username, word: last.word };
  }
  return state;
}
