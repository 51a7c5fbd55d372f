/**
 * The quiz as pure data: one question (a consonant pattern) at a time per room; the first player to
 * send a dictionary noun that fits the pattern and has not been used in this cycle wins the round,
 * and the game moves to the next question. No I/O here: the stores load the state and apply the
 * transition with a conditional write, so two winners for one word are impossible.
 */
import { initialConsonants, isHangulWord } from './consonants.ts';
import { normalizeInput } from './input.ts';
import { hashName, positionOf, questionIndexAt } from './shuffle.ts';

export interface GameState {
  room: string;
  /** Numeric id the 2019 client needs to recognise a game frame. */
  id: number;
  /** Index of the current question in the word bank (what the 2019 client shows). */
  nowWordIdx: number;
  /**
   * Where the room is in its own shuffled sequence (rules/shuffle.ts). Absent on a game saved
   * before rooms had their own order; it is then derived from `nowWordIdx`.
   */
  position?: number;
  /** The pattern to match, e.g. ㅅㄹ. */
  nowConsonant: string;
  /** Words already accepted in this cycle of questions: a set, never a joined string. */
  answered: ReadonlySet<string>;
  /** Rounds won in this room so far; never wraps, so it names a round uniquely. */
  round: number;
  lastAnswer?: { username: string; word: string };
  /** Every right answer, oldest first (the last HISTORY_LIMIT), so a late joiner sees them all. */
  history: readonly AnswerEntry[];
}

export interface AnswerEntry {
  username: string;
  word: string;
  /** The consonants the word answered. */
  consonant: string;
}

/** Bounds the Game item (DynamoDB items stop at 400 KB); far more than a session answers. */
export const HISTORY_LIMIT = 200;

export type AnswerVerdict =
  | { correct: true; word: string }
  | {
      correct: false;
      reason: 'not-hangul' | 'wrong-pattern' | 'already-answered' | 'not-a-word';
      word: string;
    };

/**
 * Whether `input` answers the current question. `isDictionaryWord` is asked last, and only about
 * a word that already fits the pattern, so callers may back it with a store lookup.
 */
export function isAnswer(
  state: Pick<GameState, 'nowConsonant' | 'answered'>,
  input: string,
  isDictionaryWord: (word: string) => boolean,
): AnswerVerdict {
  const word = normalizeInput(input);
  if (!isHangulWord(word)) return { correct: false, reason: 'not-hangul', word };
  if (initialConsonants(word) !== state.nowConsonant)
    return { correct: false, reason: 'wrong-pattern', word };
  // Set membership: an earlier answer that merely contains this word (or is contained in it) does not count.
  if (state.answered.has(word)) return { correct: false, reason: 'already-answered', word };
  if (!isDictionaryWord(word)) return { correct: false, reason: 'not-a-word', word };
  return { correct: true, word };
}

/** Whether the text could be an answer at all: cheap test before any store lookup. */
export function fitsPattern(nowConsonant: string, input: string): boolean {
  const word = normalizeInput(input);
  return isHangulWord(word) && initialConsonants(word) === nowConsonant;
}

export interface Question {
  index: number;
  word: string;
  consonant: string;
}

/** Index of the question after `index` in a list of `count`, wrapping to the start. */
export function nextQuestionIndex(index: number, count: number): number {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`question count must be a positive integer, got ${count}`);
  return (index + 1) % count;
}

/** The room's position in its sequence, for games saved before positions were stored. */
export function currentPosition(
  state: Pick<GameState, 'room' | 'nowWordIdx' | 'position'>,
  count: number,
): number {
  return state.position ?? positionOf(state.room, state.nowWordIdx, count);
}

/** The bank index of the question that follows the current one in this room's sequence. */
export function nextQuestionFor(
  state: Pick<GameState, 'room' | 'nowWordIdx' | 'position'>,
  count: number,
): { position: number; index: number } {
  const position = nextQuestionIndex(currentPosition(state, count), count);
  return { position, index: questionIndexAt(state.room, position, count) };
}

/**
 * The state after `winner` answered `word`. When the room's sequence wraps around, the answered set
 * starts empty again (the workshop did the same), so words can be reused in the next cycle; the
 * history keeps going.
 */
export function nextGameState(
  state: GameState,
  winner: { username: string; word: string },
  next: Question,
  questionCount: number,
): GameState {
  const expected = nextQuestionFor(state, questionCount);
  if (next.index !== expected.index) {
    throw new Error(
      `next question in room "${state.room}" must be #${expected.index} (position ${expected.position} of ${questionCount}), got #${next.index}`,
    );
  }
  const wrapped = expected.position === 0;
  const entry: AnswerEntry = { username: winner.username, word: winner.word, consonant: state.nowConsonant };
  return {
    room: state.room,
    id: state.id,
    nowWordIdx: next.index,
    position: expected.position,
    nowConsonant: next.consonant,
    answered: wrapped ? new Set() : new Set([...state.answered, winner.word]),
    round: state.round + 1,
    lastAnswer: { username: winner.username, word: winner.word },
    history: [...state.history, entry].slice(-HISTORY_LIMIT),
  };
}

/** The bank index a new room asks first. */
export function firstQuestionIndex(room: string, count: number): number {
  return questionIndexAt(room, 0, count);
}

/** The game state a new room starts with. */
export function initialGameState(room: string, first: Question): GameState {
  return {
    room,
    id: gameIdForRoom(room),
    nowWordIdx: first.index,
    position: 0,
    nowConsonant: first.consonant,
    answered: new Set(),
    round: 0,
    history: [],
  };
}

/**
 * The wire's numeric game id. The workshop had one game with id 1; the default room keeps it, other
 * rooms get a stable positive 31-bit number derived from the name (FNV-1a), so a client can tell
 * rooms apart without a counter in the database.
 */
export function gameIdForRoom(room: string): number {
  if (room === DEFAULT_ROOM) return 1;
  const id = hashName(room) & 0x7fffffff;
  // 0 is not an id and 1 belongs to the default room.
  return id <= 1 ? id + 2 : id;
}

export const DEFAULT_ROOM = 'general';
