/**
 * What the room knows, and how each frame changes it. Pure, so the rules about scores,
 * answers and rooms can be read (and tested) without a browser.
 */
import type { Chat, Frame, Game, Score } from './protocol.ts';

export interface AnswerRecord {
  username: string;
  word: string;
  /** The consonants the word answered, when the page saw them before the game moved on. */
  consonant: string | undefined;
}

export interface RoomState {
  /** The room as the server named it in its join reply; frames for other rooms are ignored. */
  room: string | undefined;
  consonant: string | undefined;
  wordIdx: number | undefined;
  scores: Score[];
  answers: AnswerRecord[];
  /** Keys of answers already counted, so a repeated game frame does not score twice. */
  seenAnswers: string[];
}

export interface Update {
  state: RoomState;
  /** Chat lines to show; when `replaceChat` is set they replace the log (a join reply). */
  chat: Chat[];
  replaceChat: boolean;
  answer: AnswerRecord | undefined;
  error: { code: string; message: string } | undefined;
}

const MAX_ANSWERS = 50;

export function emptyRoom(): RoomState {
  return {
    room: undefined,
    consonant: undefined,
    wordIdx: undefined,
    scores: [],
    answers: [],
    seenAnswers: [],
  };
}

export function sortScores(scores: Score[]): Score[] {
  return [...scores].sort((a, b) => b.answerCnt - a.answerCnt || a.username.localeCompare(b.username));
}

function isForOtherRoom(state: RoomState, room: string | undefined): boolean {
  return state.room !== undefined && room !== undefined && room !== state.room;
}

function answerKey(game: Game): string | undefined {
  if (!game.lastAnswer) return undefined;
  return `${game.id}|${game.nowWordIdx ?? game.nowConsonant}|${game.lastAnswer.username}|${game.lastAnswer.word}`;
}

function applyGame(
  state: RoomState,
  game: Game,
  countAnswer: boolean,
): { state: RoomState; answer?: AnswerRecord } {
  let next: RoomState = { ...state, consonant: game.nowConsonant, wordIdx: game.nowWordIdx };
  if (game.scores) next.scores = sortScores(game.scores);
  const key = answerKey(game);
  if (!game.lastAnswer || key === undefined || state.seenAnswers.includes(key)) return { state: next };

  const previous = state.consonant !== game.nowConsonant ? state.consonant : undefined;
  const answer: AnswerRecord = { ...game.lastAnswer, consonant: previous };
  next = {
    ...next,
    answers: [answer, ...next.answers].slice(0, MAX_ANSWERS),
    seenAnswers: [key, ...next.seenAnswers].slice(0, MAX_ANSWERS),
  };
  // A server that sends the answer without the table still moves the winner up one.
  if (countAnswer && !game.scores) next.scores = addPoint(next.scores, answer.username);
  return { state: next, answer };
}

function addPoint(scores: Score[], username: string): Score[] {
  const found = scores.some((row) => row.username === username);
  const rows = found
    ? scores.map((row) => (row.username === username ? { ...row, answerCnt: row.answerCnt + 1 } : row))
    : [...scores, { username, answerCnt: 1 }];
  return sortScores(rows);
}

export function applyFrame(state: RoomState, frame: Frame): Update {
  const none: Update = { state, chat: [], replaceChat: false, answer: undefined, error: undefined };
  switch (frame.kind) {
    case 'joined': {
      const { joined } = frame;
      let next: RoomState = { ...state, room: joined.room };
      let answer: AnswerRecord | undefined;
      if (joined.game) ({ state: next, answer } = applyGame(next, joined.game, false));
      // The reply's own table wins; the game state's copy only fills in when the reply has none.
      if (joined.scores.length > 0 || !joined.game?.scores)
        next = { ...next, scores: sortScores(joined.scores) };
      return { ...none, state: next, chat: joined.recentChat, replaceChat: true, answer };
    }
    case 'chat':
      if (isForOtherRoom(state, frame.chat.room)) return none;
      return { ...none, chat: [frame.chat] };
    case 'game': {
      if (isForOtherRoom(state, frame.game.room)) return none;
      const { state: next, answer } = applyGame(state, frame.game, true);
      return { ...none, state: next, answer };
    }
    case 'scores':
      return { ...none, state: { ...state, scores: sortScores(frame.scores) } };
    case 'error':
      return { ...none, error: { code: frame.code, message: frame.message } };
    case 'unknown':
      return none;
  }
}
