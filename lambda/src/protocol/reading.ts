/**
 * How the 2019 Android client reads a frame (docs/protocol.md, "The 2019 client"): a chat line
 * if it has string `username` and `content`, else a game state if it has integer `id` and
 * `nowWordIdx` and string `nowConsonant` and `answeredWords`; anything else it drops. Extra keys
 * are ignored. The frames of outgoing.ts must read this way; the browser client, the tests and
 * the lesson checks read frames with these schemas, so all of them apply the same rules.
 */
// Named imports, not the `z` namespace: esbuild can then drop the rest of zod from the web bundle.
import { number, object, type output, string } from 'zod';

export const chat2019 = object({ username: string(), content: string() });
export type Chat2019 = output<typeof chat2019>;

export const game2019 = object({
  id: number().int(),
  nowWordIdx: number().int(),
  nowConsonant: string(),
  answeredWords: string(),
});
export type Game2019 = output<typeof game2019>;

export type Reading2019 = 'chat' | 'game' | 'dropped';

export function isChat2019(frame: unknown): frame is Chat2019 {
  return chat2019.safeParse(frame).success;
}

/** A chat line is never a game state, whatever else it carries: the client tries chat first. */
export function isGame2019(frame: unknown): frame is Game2019 {
  return !isChat2019(frame) && game2019.safeParse(frame).success;
}

/** What the 2019 client makes of one text frame. */
export function read2019(text: string): Reading2019 {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'dropped';
  }
  if (isChat2019(value)) return 'chat';
  if (isGame2019(value)) return 'game';
  return 'dropped';
}
