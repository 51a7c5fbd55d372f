/**
 * The game flow that joins rules and stores: make sure a room has a game, and judge a chat line as
 * a possible answer. Everything is read fresh from DynamoDB in each invocation.
 */
import type { Delivery } from './broadcast.ts';
import { broadcast } from './broadcast.ts';
import type { AppDeps } from './deps.ts';
import { gameFrame } from './protocol/outgoing.ts';
import {
  firstQuestionIndex,
  fitsPattern,
  type GameState,
  initialGameState,
  isAnswer,
  nextGameState,
  nextQuestionFor,
} from './rules/game.ts';

/** The room's game, created at the first question of the room's own sequence if it has none. */
export async function ensureGame(deps: AppDeps, room: string): Promise<GameState> {
  const existing = await deps.games.load(room);
  if (existing) return existing;
  const count = await deps.words.questionCount();
  const first = await deps.words.question(firstQuestionIndex(room, count));
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
 * player's score (kept per nickname, not per connection) is then added once, idempotently, and
 * the new state broadcast to the room.
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
  const next = await deps.words.question(nextQuestionFor(game, count).index);
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
  const player = { room: attempt.room, nickname: attempt.username };
  const score = await deps.players.addScore(player, `${attempt.room}#${after.round}`);
  if (score.status !== 'counted') {
    deps.log.error('winner score not added', { ...player, round: after.round, result: score.status });
  }
  deps.log.info('round won', {
    room: attempt.room,
    word: verdict.word,
    username: attempt.username,
    round: after.round,
  });
  // The table rides on the new state, so players who joined before someone else still see everyone.
  const scores = await deps.players.roomScores(attempt.room, deps.pageSize);
  await broadcast(delivery, attempt.room, { ...gameFrame(after), scores });
  return 'won';
}
