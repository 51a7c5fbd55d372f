/**
 * Every frame the page sends or understands, in one place: the server's shapes are still
 * settling, so this is the only module to touch when a field changes.
 *
 * Classification follows the 2019 Android client (chat if it has string `username` and
 * `content`, game if it has a numeric `id` and string `answeredWords`/`nowConsonant`), with
 * the newer `joined`, `error` and API Gateway failure frames in front of it. Anything else is
 * `unknown`, never an exception.
 */
import { z } from 'zod';

const count = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const scoreEntry = z.object({ username: z.string(), answerCnt: count });
export type Score = z.infer<typeof scoreEntry>;

/** One bad row must not hide the whole table, so rows are checked one by one. */
const scoreTable = z.array(z.unknown()).transform((rows) =>
  rows.flatMap((row) => {
    const parsed = scoreEntry.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  }),
);

const chatFrame = z.object({
  username: z.string(),
  content: z.string(),
  room: z.string().optional().catch(undefined),
  timestamp: z.union([z.string(), z.number()]).optional().catch(undefined),
});
export type Chat = z.infer<typeof chatFrame>;

const lastAnswer = z.object({ username: z.string(), word: z.string() });
export type Answer = z.infer<typeof lastAnswer>;

const gameFrame = z.object({
  id: z.number(),
  nowWordIdx: z.number().optional().catch(undefined),
  answeredWords: z.string(),
  nowConsonant: z.string(),
  room: z.string().optional().catch(undefined),
  lastAnswer: lastAnswer.optional().catch(undefined),
  scores: scoreTable.optional().catch(undefined),
});
export type Game = z.infer<typeof gameFrame>;

const joinedFrame = z.object({
  type: z.literal('joined'),
  room: z.string(),
  game: gameFrame.optional().catch(undefined),
  recentChat: z
    .array(z.unknown())
    .transform((rows) => rows.flatMap((row) => (isChatShaped(row) ? [chatFrame.parse(row)] : [])))
    .catch([]),
  scores: scoreTable.catch([]),
});
export type Joined = z.infer<typeof joinedFrame>;

const errorFrame = z.object({
  error: z.object({ code: z.string().catch('Error'), message: z.string().catch('') }),
});

/** What API Gateway itself sends when the integration fails: no `error` key, just `message`. */
const gatewayFailure = z.object({
  message: z.string(),
  connectionId: z.string().optional(),
  requestId: z.string().optional(),
});

const scoresFrame = z.object({ type: z.literal('scores'), scores: scoreTable });

export type Frame =
  | { kind: 'joined'; joined: Joined }
  | { kind: 'chat'; chat: Chat }
  | { kind: 'game'; game: Game }
  | { kind: 'scores'; scores: Score[] }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'unknown' };

function isChatShaped(value: unknown): boolean {
  return chatFrame.safeParse(value).success;
}

/** Turns one WebSocket text frame into something the room can apply. Never throws. */
export function classifyFrame(text: string): Frame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'unknown' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'unknown' };

  const joined = joinedFrame.safeParse(value);
  if (joined.success) return { kind: 'joined', joined: joined.data };
  const error = errorFrame.safeParse(value);
  if (error.success) return { kind: 'error', ...error.data.error };
  const chat = chatFrame.safeParse(value);
  if (chat.success) return { kind: 'chat', chat: chat.data };
  const game = gameFrame.safeParse(value);
  if (game.success) return { kind: 'game', game: game.data };
  const scores = scoresFrame.safeParse(value);
  if (scores.success) return { kind: 'scores', scores: scores.data.scores };
  const failure = gatewayFailure.safeParse(value);
  if (failure.success) return { kind: 'error', code: 'InternalServerError', message: failure.data.message };
  return { kind: 'unknown' };
}

export function joinMessage(username: string, room: string): string {
  return JSON.stringify({ action: 'join', username, room });
}

export function chatMessage(username: string, content: string, room: string): string {
  return JSON.stringify({ action: 'chat', username, content, room });
}
