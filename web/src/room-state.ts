/**
 * What the room knows, and how each frame changes it. Pure, so the rules about scores,
 * answers and rooms can be read (and tested) without a browser.
 *
 * Servers differ in what they send: the app sends `lastAnswer` and `scores` with each new
 * state and the whole history in its join reply; the lessons' stacks broadcast the bare Game
 * item (`answeredWords` only). Whatever a frame lacks is worked out from what the page saw:
 * a word new in `answeredWords` was won by whoever last said it in the chat.
 */
import type { Chat, Frame, Game, HistoryEntry, Score } from './protocol.ts';

export interface AnswerRecord {
  /** Undefined when nothing said who answered (a history seen only as `answeredWords`). */
  username: string | undefined;
  word: string;
  /** The consonants the word answered, when known. */
  consonant: string | undefined;
}

export interface RoomState {
  /** The room as the server named it in its join reply; frames for other rooms are ignored. */
  room: string | undefined;
  consonant: string | undefined;
  wordIdx: number | undefined;
  scores: Score[];
  /** Newest first. */
  answers: AnswerRecord[];
  /** Keys of answers already counted, so a repeated game frame does not score twice. */
  seenAnswers: string[];
  /** `answeredWords` of the last game frame, to spot the word a bare Game item added. */
  answeredWords: string[] | undefined;
  /** The last chat lines, to find who said a newly answered word. */
  recentChat: Chat[];
  lastAnswer: AnswerRecord | undefined;
}

export interface Update {
  state: RoomState;
  /** Chat lines to show; when `replaceChat` is set they replace the log (a join reply). */
  chat: Chat[];
  replaceChat: boolean;
  answer: AnswerRecord | undefined;
  /** Right answers whose chat lines should be marked as such. */
  marks: AnswerRecord[];
  error: { code: string; message: string } | undefined;
}

const MAX_ANSWERS = 200;
const MAX_CHAT = 100;

export function emptyRoom(): RoomState {
  return {
    room: undefined,
    consonant: undefined,
    wordIdx: undefined,
    scores: [],
    answers: [],
    seenAnswers: [],
    answeredWords: undefined,
    recentChat: [],
    lastAnswer: undefined,
  };
}

export function sortScores(scores: Score[]): Score[] {
  return [...scores].sort((a, b) => b.answerCnt - a.answerCnt || a.username.localeCompare(b.username));
}

/** `answeredWords` as the 2019 client writes it: words joined by commas, spaces optional. */
export function splitAnswered(answeredWords: string): string[] {
  return answeredWords
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '');
}

function isForOtherRoom(state: RoomState, room: string | undefined): boolean {
  return state.room !== undefined && room !== undefined && room !== state.room;
}

function answerKey(game: Game): string | undefined {
  if (!game.lastAnswer) return undefined;
  return `${game.id}|${game.nowWordIdx ?? game.nowConsonant}|${game.lastAnswer.username}|${game.lastAnswer.word}`;
}

function lastSpeaker(chat: Chat[], word: string): string | undefined {
  for (let i = chat.length - 1; i >= 0; i--) {
    const line = chat[i];
    if (line && line.content.trim() === word) return line.username;
  }
  return undefined;
}

interface GameResult {
  state: RoomState;
  answers: AnswerRecord[];
}

function applyGame(state: RoomState, game: Game, countAnswer: boolean): GameResult {
  const words = splitAnswered(game.answeredWords);
  const next: RoomState = {
    ...state,
    consonant: game.nowConsonant,
    wordIdx: game.nowWordIdx,
    answeredWords: words,
  };
  if (game.scores) next.scores = sortScores(game.scores);
  const previous = state.consonant !== game.nowConsonant ? state.consonant : undefined;

  let found: AnswerRecord[];
  if (game.lastAnswer) {
    const key = answerKey(game) as string;
    if (state.seenAnswers.includes(key)) return { state: next, answers: [] };
    next.seenAnswers = [key, ...next.seenAnswers].slice(0, MAX_ANSWERS);
    found = [{ ...game.lastAnswer, consonant: previous }];
  } else if (state.answeredWords === undefined) {
    // The first state this page sees: its words are history, winners unknown, nothing to count.
    if (state.answers.length === 0)
      next.answers = words.map((word) => ({ username: undefined, word, consonant: undefined })).reverse();
    return { state: next, answers: [] };
  } else {
    const known = new Set(state.answeredWords);
    found = words
      .filter((word) => !known.has(word))
      .map((word) => ({ username: lastSpeaker(state.recentChat, word), word, consonant: previous }));
  }
  for (const answer of found) {
    next.answers = [answer, ...next.answers].slice(0, MAX_ANSWERS);
    next.lastAnswer = answer;
    // A server that sends the answer without the table still moves the winner up one.
    if (countAnswer && !game.scores && answer.username !== undefined)
      next.scores = addPoint(next.scores, answer.username);
  }
  return { state: next, answers: found };
}

function addPoint(scores: Score[], username: string): Score[] {
  const found = scores.some((row) => row.username === username);
  const rows = found
    ? scores.map((row) => (row.username === username ? { ...row, answerCnt: row.answerCnt + 1 } : row))
    : [...scores, { username, answerCnt: 1 }];
  return sortScores(rows);
}

function fromHistory(entries: HistoryEntry[]): AnswerRecord[] {
  return entries.map((entry) => ({ ...entry })).reverse();
}

export function applyFrame(state: RoomState, frame: Frame): Update {
  const none: Update = {
    state,
    chat: [],
    replaceChat: false,
    answer: undefined,
    marks: [],
    error: undefined,
  };
  switch (frame.kind) {
    case 'joined': {
      const { joined } = frame;
      // A rejoin of the same room (a reconnect) keeps what the page knew; another room starts afresh.
      const base = state.room === joined.room ? state : emptyRoom();
      let next: RoomState = { ...base, room: joined.room, recentChat: joined.recentChat.slice(-MAX_CHAT) };
      let answers: AnswerRecord[] = [];
      if (joined.game) ({ state: next, answers } = applyGame(next, joined.game, false));
      // The server's whole history wins over what one state frame can tell.
      if (joined.answers) next = { ...next, answers: fromHistory(joined.answers) };
      // The reply's own table wins; the game state's copy only fills in when the reply has none.
      if (joined.scores.length > 0 || !joined.game?.scores)
        next = { ...next, scores: sortScores(joined.scores) };
      const answer = answers.at(-1);
      if (answer) next.lastAnswer = answer;
      return {
        ...none,
        state: next,
        chat: joined.recentChat,
        replaceChat: true,
        answer,
        marks: next.answers,
      };
    }
    case 'chat':
      if (isForOtherRoom(state, frame.chat.room)) return none;
      return {
        ...none,
        state: { ...state, recentChat: [...state.recentChat, frame.chat].slice(-MAX_CHAT) },
        chat: [frame.chat],
      };
    case 'game': {
      if (isForOtherRoom(state, frame.game.room)) return none;
      const { state: next, answers } = applyGame(state, frame.game, true);
      return { ...none, state: next, answer: answers.at(-1), marks: answers };
    }
    case 'scores':
      return { ...none, state: { ...state, scores: sortScores(frame.scores) } };
    case 'error':
      return { ...none, error: { code: frame.code, message: frame.message } };
    case 'rooms':
    case 'unknown':
      return none;
  }
}
