/**
 * Memory given back while frozen (the host side is in instance.ts, "idle trim"). An instance
 * stops itself after each result; when it has stayed frozen a while, the host writes
 * `trim/<pid>` beside this bootstrap and sends SIGCONT. The instance resumes inside freeze(),
 * finds the file, collects its heap and stops again, all synchronously, before its event loop
 * turns: no timer, callback or promise of the function runs, exactly as if it had stayed frozen.
 * A wake without the file is the host thawing it for the next event.
 *
 * Why: under load V8 grows the young generation to what Lambda's heap flags allow (32 MB of
 * semi-spaces for 256 MB) and keeps every page of it, frozen or not.
 */
import { unlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectAll, type Gc } from './collect-all.ts';

// Taken before the function's code loads: `--expose-gc` is one of Lambda's own flags, and the
// function is free to replace global.gc.
const gc = (globalThis as { gc?: Gc }).gc;
const request = fileURLToPath(new URL(`./trim/${process.pid}`, import.meta.url));

/** Stops this process until the host thaws it for an event, serving requests to collect meanwhile. */
export function freeze(): void {
  process.kill(process.pid, 'SIGSTOP');
  while (trimRequested()) {
    if (gc) collectAll(gc);
    process.kill(process.pid, 'SIGSTOP');
  }
}

/** One unlink per wake: it succeeds only when the host asked. */
function trimRequested(): boolean {
  try {
    unlinkSync(request);
    return true;
  } catch {
    return false;
  }
}
