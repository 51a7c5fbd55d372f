/**
 * Frames the server sends. The 2019 Android client reads a frame as chat when it has string
 * `username` and `content`, else as game when it has int `id`, string `answeredWords`,
 * `nowConsonant` and `nowWordIdx`; so a game frame must never carry both `username` and `content`,
 * and the last answer travels nested.
 */
import type { AnswerEntry, GameState } from '../rules/game.ts';
import type { ErrorCode } from './incoming.ts';

export interface ChatFrame {
  type: 'chat';
  username: string;
  content: string;
  room: string;
  /** ISO 8601, as the workshop stored it. */
  timestamp: string;
}

export interface GameFrame {
  type: 'game';
  id: number;
  nowWordIdx: number;
  nowConsonant: string;
  /** Comma-separated, as the 2019 client displays it. */
  answeredWords: string;
  room: string;
  round: number;
  lastAnswer?: { username: string; word: string };
  /** After a right answer: the room's table, highest first. */
  scores?: ScoreEntry[];
}

export interface ScoreEntry {
  username: string;
  answerCnt: number;
}

export interface JoinedFrame {
  type: 'joined';
  room: string;
  username: string;
  game: GameFrame;
  /** Oldest first. */
  recentChat: ChatFrame[];
  /** Highest first: every player the room has had, kept across reconnects. */
  scores: ScoreEntry[];
  /** Every right answer so far, oldest first, with the consonants it answered. */
  answers: AnswerEntry[];
}

/** The reply to `{"action":"rooms"}`: rooms that have a game, with their joined connections. */
export interface RoomsFrame {
  type: 'rooms';
  rooms: { room: string; players: number }[];
}

export interface ErrorFrame {
  error: { code: ErrorCode | 'internal'; message: string };
}

export function gameFrame(state: GameState): GameFrame {
  const frame: GameFrame = {
    type: 'game',
    id: state.id,
    nowWordIdx: state.nowWordIdx,
    nowConsonant: state.nowConsonant,
    answeredWords: [...state.answered].sort().join(', '),
    room: state.room,
    round: state.round,
  };
  if (state.lastAnswer) frame.lastAnswer = { ...state.lastAnswer };
  return frame;
}

export function errorFrame(code: ErrorFrame['error']['code'], message: string): ErrorFrame {
  return { error: { code, message } };
}
