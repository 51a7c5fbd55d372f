/**
 * How the 2019 Android client reads a frame (docs/protocol.md): chat if it has string
 * `username` and `content`, else game if it has int `id`, string `answeredWords` and
 * `nowConsonant`, and `nowWordIdx`; anything else is dropped. Tests use it to check frames.
 */
export type AndroidReading = 'chat' | 'game' | 'dropped';

export function readAsAndroid(frame: string): AndroidReading {
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return 'dropped';
  }
  if (typeof value !== 'object' || value === null) return 'dropped';
  const o = value as Record<string, unknown>;
  if (typeof o.username === 'string' && typeof o.content === 'string') return 'chat';
  if (
    Number.isInteger(o.id) &&
    typeof o.answeredWords === 'string' &&
    typeof o.nowConsonant === 'string' &&
    o.nowWordIdx !== undefined
  ) {
    return 'game';
  }
  return 'dropped';
}
