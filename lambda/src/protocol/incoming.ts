/**
 * Parsing of what clients send. Two dialects arrive on the same socket: the 2019 Android client
 * (raw `start!`, then `{"username","content"}` with no action) and newer clients
 * (`{"action":"join"|"chat",…}`). Every rejection names what was expected, because the workshop's
 * most common failure was a silently ignored "Content" or "User".
 */
import { z } from 'zod';

export const MAX_CONTENT_LENGTH = 500;
export const MAX_USERNAME_LENGTH = 32;
/** The 2019 client's greeting, sent once as raw text right after connecting. */
export const START_GREETING = 'start!';

export const roomNameSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_-]{1,32}$/u, 'room must be 1–32 letters, digits, "_" or "-"');

/**
 * Characters that change how the text around them is shown without being seen themselves: C0/C1
 * controls (NUL, ESC for terminal escapes…) and the bidi embeddings, overrides and isolates. One
 * U+202E in a name reverses whatever a client prints after it ("Trojan Source", CVE-2021-42574).
 */
const CONTROL_OR_BIDI = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
/** In a name every other format character too (zero-width space, BOM, soft hyphen), except the emoji joiner. */
const INVISIBLE_IN_NAME = /[\p{Cc}\p{Cf}]/u;
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

export const usernameSchema = z
  .string()
  .trim()
  .min(1, 'username must not be empty')
  .max(MAX_USERNAME_LENGTH, `username must be at most ${MAX_USERNAME_LENGTH} characters`)
  .refine(
    (name) => !INVISIBLE_IN_NAME.test(name.replaceAll('\u200d', '')) && VISIBLE.test(name),
    'username must be visible text, without control, bidi or zero-width characters',
  );

const content = z
  .string()
  .trim()
  .min(1, 'content must not be empty')
  .max(MAX_CONTENT_LENGTH, `content must be at most ${MAX_CONTENT_LENGTH} characters`)
  .refine(
    (text) => !CONTROL_OR_BIDI.test(text),
    'content must not contain control or bidi override characters',
  );

/** The per-browser secret that lets a player take its nickname back; only its hash is stored. */
export const tokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,128}$/, 'token must be 16–128 letters, digits, "_" or "-"');

export const joinSchema = z.object({
  action: z.literal('join'),
  username: usernameSchema,
  room: roomNameSchema.optional(),
  token: tokenSchema.optional(),
});
export const chatSchema = z.object({
  action: z.literal('chat').optional(),
  // The 2019 client always sends it; a joined client may leave it to the name it joined with.
  username: usernameSchema.optional(),
  content,
  room: roomNameSchema.optional(),
});

export type JoinMessage = z.infer<typeof joinSchema>;
export type ChatMessage = z.infer<typeof chatSchema>;

export type Incoming =
  | { kind: 'start' }
  | { kind: 'join'; message: JoinMessage }
  | { kind: 'rooms' }
  | { kind: 'chat'; message: ChatMessage }
  | { kind: 'invalid'; code: ErrorCode; message: string };

export type ErrorCode =
  | 'invalid-json'
  | 'invalid-message'
  | 'wrong-key-case'
  | 'unknown-action'
  | 'empty-content'
  | 'content-too-long'
  | 'missing-content'
  | 'not-joined'
  | 'nickname-in-use'
  | 'nickname-taken'
  | 'replaced';

const KNOWN_KEYS = ['action', 'username', 'content', 'room', 'token'] as const;

/** Classifies one WebSocket frame body. Never throws. */
export function parseIncoming(body: string | undefined): Incoming {
  const text = body ?? '';
  if (text.trim() === START_GREETING) return { kind: 'start' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      kind: 'invalid',
      code: 'invalid-json',
      message: `expected a JSON object such as {"username":"…","content":"…"} or the text "${START_GREETING}"`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      kind: 'invalid',
      code: 'invalid-message',
      message: `expected a JSON object, got ${describe(value)}`,
    };
  }
  const object = value as Record<string, unknown>;
  const miscased = findMiscasedKey(object);
  if (miscased) {
    return {
      kind: 'invalid',
      code: 'wrong-key-case',
      message: `unknown key "${miscased.got}": keys are case-sensitive, expected "${miscased.expected}"`,
    };
  }
  const action = object.action;
  if (action === 'join')
    return fromZod(joinSchema.safeParse(object), (message) => ({ kind: 'join', message }));
  if (action === 'rooms') return { kind: 'rooms' };
  if (action !== undefined && action !== 'chat') {
    return {
      kind: 'invalid',
      code: 'unknown-action',
      message: `unknown action ${JSON.stringify(action)}: expected "join", "chat" or "rooms"`,
    };
  }
  if (!('content' in object)) {
    return {
      kind: 'invalid',
      code: 'missing-content',
      message: 'expected a "content" key with the chat text',
    };
  }
  return fromZod(chatSchema.safeParse(object), (message) => ({ kind: 'chat', message }));
}

function fromZod<T>(
  result: { success: true; data: T } | { success: false; error: z.ZodError },
  ok: (data: T) => Incoming,
): Incoming {
  if (result.success) return ok(result.data);
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  const detail = issue?.message ?? 'invalid message';
  if (path === 'content' && issue?.code === 'too_small')
    return { kind: 'invalid', code: 'empty-content', message: detail };
  if (path === 'content' && issue?.code === 'too_big')
    return { kind: 'invalid', code: 'content-too-long', message: detail };
  return { kind: 'invalid', code: 'invalid-message', message: path ? `${path}: ${detail}` : detail };
}

function findMiscasedKey(object: Record<string, unknown>): { got: string; expected: string } | undefined {
  for (const key of Object.keys(object)) {
    if ((KNOWN_KEYS as readonly string[]).includes(key)) continue;
    const expected = KNOWN_KEYS.find((known) => known === key.toLowerCase());
    if (expected) return { got: key, expected };
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
