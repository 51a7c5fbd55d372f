/**
 * Each room's question order: a permutation of the word bank seeded by the room's name, so three
 * rooms ask three different sequences, a test can predict any room's sequence, and no question
 * comes back before every other one has been asked. Pure: the same (room, count) always gives the
 * same order.
 */

/** FNV-1a over the name's code points: a small, stable 32-bit hash (also the game ids' source). */
export function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of name) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a tiny seeded generator, good enough to deal cards, not for secrets. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cache = new Map<string, readonly number[]>();

/** The bank indexes in the order `room` asks them (Fisher–Yates with the room's seed). */
export function questionOrder(room: string, count: number): readonly number[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`question count must be a positive integer, got ${count}`);
  const key = `${count}\u0000${room}`;
  const known = cache.get(key);
  if (known) return known;
  const order = Array.from({ length: count }, (_, i) => i);
  const random = generator(hashName(room));
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  // Memoised: the Lambda asks for the same room's order on every right answer.
  if (cache.size > 256) cache.clear();
  cache.set(key, order);
  return order;
}

/** The bank index asked at `position` (0-based) of the room's sequence. */
export function questionIndexAt(room: string, position: number, count: number): number {
  const order = questionOrder(room, count);
  const index = order[((position % count) + count) % count];
  if (index === undefined) throw new RangeError(`no position ${position} in ${count} questions`);
  return index;
}

/** Where bank index `index` sits in the room's sequence (a game saved before positions existed). */
export function positionOf(room: string, index: number, count: number): number {
  const position = questionOrder(room, count).indexOf(index);
  return position === -1 ? 0 : position;
}
