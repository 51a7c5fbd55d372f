/**
 * The emulator's own memory, given back once the Lambda host has reclaimed its last instance.
 * A busy time (a thousand WebSockets, thousands of invocations, the logs they wrote) leaves V8's
 * old space at its high-water mark, and V8 compacts it only when it next needs room, which an
 * idle emulator never does. One full collection then returns those pages to the system; it is
 * asked for only when no instance is left, so it never costs CPU while anything runs.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;
let pending: NodeJS.Timeout | undefined;

/** One full collection once the current work is done (one for all the requests made
 * meanwhile); it never keeps Node alive. */
export function collectGarbageSoon(): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    fullCollection();
  }, 0);
  pending.unref();
}

/** A full, synchronous garbage collection (V8's `gc()`), whatever flags node was started with. */
export function fullCollection(): void {
  gc ??= exposedGc();
  gc();
}

function exposedGc(): () => void {
  const global = (globalThis as { gc?: () => void }).gc;
  if (typeof global === 'function') return global;
  // Without --expose-gc on the command line: a context created while the flag is on gets `gc`,
  // and keeps it once the flag is off again, so no other context (nor user code) sees it.
  setFlagsFromString('--expose-gc');
  try {
    return runInNewContext('gc') as () => void;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
