/**
 * V8's collection of all available garbage, used by the emulator once idle (idle-gc.ts) and by a
 * frozen instance giving its heap back (heap-trim.ts). On V8 12 (Node 22 and later) the
 * last-resort flavour also shrinks the young generation and unmaps the pages it frees; Node 20's
 * V8 would read the same options as a minor collection, so it gets a plain full one.
 */
export type Gc = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

export const LAST_RESORT_GC = Number(process.versions.v8.split('.')[0]) >= 12;

export function collectAll(gc: Gc): void {
  if (LAST_RESORT_GC) gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  else gc();
}
