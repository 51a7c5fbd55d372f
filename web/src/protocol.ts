/**
 * Every frame the page sends or understands, in one place: the server's shapes are still
 * settling, so this is the only module to touch when a field changes.
 *
 * Chat and game frames are read as the 2019 Android client reads them (the shared schemas of
 * lambda/src/protocol/reading.ts), with the newer `joined`, `error` and API Gateway failure
 * frames in front of them. Anything else is `unknown`, never an exception.
 */
// Named imports, not the `z` namespace: esbuild can then drop the rest of zod (85 KB, not 450).
import { array, literal, number, object, type output, string, union, unknown } from 'zod';
import { chat2019, game2019 } from '../../lambda/src/protocol/reading.ts';

const count = union([number(), string().regex(/^\d+$/).transform(Number)]);

const scoreEntry = object({ username: string(), answerCnt: count });
export type Score = output<typeof scoreEntry>;

/** One bad row must not hide the whole table, so rows are checked one by one. */
const scoreTable = array(unknown()).transform((rows) =>
  rows.flatMap((row) => {
    const parsed = scoreEntry.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  }),
);

const chatFrame = chat2019.extend({
  room: string().optional().catch(undefined),
  timestamp: union([string(), number()]).optional().catch(undefined),
});
export type Chat = output<typeof chatFrame>;

const lastAnswer = object({ username: string(), word: string() });
export type Answer = output<typeof lastAnswer>;

const gameFrame = game2019.extend({
  room: string().optional().catch(undefined),
  lastAnswer: lastAnswer.optional().catch(undefined),
  scores: scoreTable.optional().catch(undefined),
});
export type Game = output<typeof gameFrame>;

const historyEntry = object({ username: string(), word: string(), consonant: string() });
export type HistoryEntry = output<typeof historyEntry>;

const joinedFrame = object({
  type: literal('joined'),
  room: string(),
  game: gameFrame.optional().catch(undefined),
  recentChat: array(unknown())
    .transform((rows) => rows.flatMap((row) => (isChatShaped(row) ? [chatFrame.parse(row)] : [])))
    .catch([]),
  scores: scoreTable.catch([]),
  /** The room's whole answer history, oldest first; servers before it existed send none. */
  answers: array(unknown())
    .transform((rows) =>
      rows.flatMap((row) => {
        const parsed = historyEntry.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      }),
    )
    .optional()
    .catch(undefined),
});
export type Joined = output<typeof joinedFrame>;

const errorFrame = object({
  error: object({ code: string().catch('Error'), message: string().catch('') }),
});

/** What API Gateway itself sends when the integration fails: no `error` key, just `message`. */
const gatewayFailure = object({
  message: string(),
  connectionId: string().optional(),
  requestId: string().optional(),
});

const scoresFrame = object({ type: literal('scores'), scores: scoreTable });

const roomEntry = object({ room: string(), players: count });
export type RoomEntry = output<typeof roomEntry>;
const roomsFrame = object({
  type: literal('rooms'),
  rooms: array(unknown()).transform((rows) =>
    rows.flatMap((row) => {
      const parsed = roomEntry.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    }),
  ),
});

export type Frame =
  | { kind: 'joined'; joined: Joined }
  | { kind: 'chat'; chat: Chat }
  | { kind: 'game'; game: Game }
  | { kind: 'scores'; scores: Score[] }
  | { kind: 'rooms'; rooms: RoomEntry[] }
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
  const rooms = roomsFrame.safeParse(value);
  if (rooms.success) return { kind: 'rooms', rooms: rooms.data.rooms };
  const failure = gatewayFailure.safeParse(value);
  if (failure.success) return { kind: 'error', code: 'InternalServerError', message: failure.data.message };
  return { kind: 'unknown' };
}

/** `token` is this browser's secret: with it the server gives a returning player its seat back. */
export function joinMessage(username: string, room: string, token?: string): string {
  return JSON.stringify({ action: 'join', username, room, ...(token ? { token } : {}) });
}

export function roomsMessage(): string {
  return JSON.stringify({ action: 'rooms' });
}

export function chatMessage(username: string, content: string, room: string): string {
  return JSON.stringify({ action: 'chat', username, content, room });
}
