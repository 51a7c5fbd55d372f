/**
 * The emulator's own memory, given back once the Lambda host has reclaimed its last instance.
 * A busy time (a thousand WebSockets, thousands of invocations, the logs they wrote) leaves V8's
 * old space at its high-water mark, and V8 compacts it only when it next needs room, which an
 * idle emulator never does. One full collection then returns those pages to the system; it is
 * asked for only when no instance is left, so it never costs CPU while anything runs.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { collectAll, type Gc, LAST_RESORT_GC } from './runtime/collect-all.ts';

export { LAST_RESORT_GC };

/** Node 20's V8 shrinks its young generation only when the last ~5 s allocated little. */
const QUIET_RETRY_MS = 5_000;

let gc: Gc | undefined;
let pending: NodeJS.Timeout | undefined;

/** One full collection once the current work is done (one for all the requests made
 * meanwhile), and on Node 20 another after a quiet spell if `stillIdle()`; it never keeps Node
 * alive. */
export function collectGarbageSoon(stillIdle: () => boolean = () => true): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    fullCollection();
    if (LAST_RESORT_GC) return;
    const again = setTimeout(() => {
      if (stillIdle()) fullCollection();
    }, QUIET_RETRY_MS);
    again.unref();
  }, 0);
  pending.unref();
}

/** A full, synchronous garbage collection (V8's `gc()`), whatever flags node was started with. */
export function fullCollection(): void {
  gc ??= exposedGc();
  collectAll(gc);
}

function exposedGc(): Gc {
  const global = (globalThis as { gc?: Gc }).gc;
  if (typeof global === 'function') return global;
  // Without --expose-gc on the command line: a context created while the flag is on gets `gc`,
  // and keeps it once the flag is off again, so no other context (nor user code) sees it.
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as Gc;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
