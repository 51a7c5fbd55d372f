/**
 * The game flow that joins rules and stores: make sure a room has a game, and judge a chat line as
 * a possible answer. Everything is read fresh from DynamoDB in each invocation.
 */
import type { Delivery } from './broadcast.ts';
import { broadcast } from './broadcast.ts';
import type { AppDeps } from './deps.ts';
import { gameFrame } from './protocol/outgoing.ts';
import {
  fitsPattern,
  type GameState,
  initialGameState,
  isAnswer,
  nextGameState,
  nextQuestionIndex,
} from './rules/game.ts';

export async function ensureGame(deps: AppDeps, room: string): Promise<GameState> {
  const existing = await deps.games.load(room);
  if (existing) return existing;
  const first = await deps.words.question(0);
  return deps.games.create(initialGameState(room, first), deps.now());
}

export interface Attempt {
  connectionId: string;
  username: string;
  room: string;
  content: string;
}

export type AttemptOutcome = 'not-an-answer' | 'won' | 'lost-race';

/**
 * Treats `attempt.content` as an answer. The winner is whoever's conditional update lands; the
 * score is then added once (idempotently) and the new state broadcast to the room.
 */
export async function judgeAttempt(
  deps: AppDeps,
  delivery: Delivery,
  attempt: Attempt,
): Promise<AttemptOutcome> {
  const game = await ensureGame(deps, attempt.room);
  // Most chat is not an answer: decide that without touching the word bank.
  if (!fitsPattern(game.nowConsonant, attempt.content)) return 'not-an-answer';
  const answers = await deps.words.answersFor(game.nowConsonant);
  const verdict = isAnswer(game, attempt.content, (word) => answers.has(word));
  if (!verdict.correct) {
    deps.log.info('answer rejected', { room: attempt.room, word: verdict.word, reason: verdict.reason });
    return 'not-an-answer';
  }
  const count = await deps.words.questionCount();
  const next = await deps.words.question(nextQuestionIndex(game.nowWordIdx, count));
  const winner = { username: attempt.username, word: verdict.word };
  const after = nextGameState(game, winner, next, count);
  const won = await deps.games.advance(
    game,
    after,
    { ...winner, connectionId: attempt.connectionId },
    deps.now(),
  );
  if (!won) {
    deps.log.info('answer lost the race', { room: attempt.room, word: verdict.word, round: game.round });
    return 'lost-race';
  }
  const score = await deps.users.addScore(attempt.connectionId, `${attempt.room}#${after.round}`);
  if (score.status !== 'counted') {
    deps.log.error('winner score not added', {
      connectionId: attempt.connectionId,
      round: after.round,
      result: score.status,
    });
  }
  deps.log.info('round won', {
    room: attempt.room,
    word: verdict.word,
    username: attempt.username,
    round: after.round,
  });
  // The table rides on the new state, so players who joined before someone else still see everyone.
  const fresh = score.status === 'counted' ? new Map([[attempt.connectionId, score.answerCnt]]) : undefined;
  const scores = await deps.users.roomScores(attempt.room, deps.pageSize, fresh);
  await broadcast(delivery, attempt.room, { ...gameFrame(after), scores });
  return 'won';
}
