/**
 * Runtimes for the emulator's start: refuse what AWS would refuse, and the lines people should
 * read before the first invocation (deprecated runtimes, missing Node binaries, another Python).
 */
import type { FunctionSpec } from '../../stack.ts';
import { planLaunch } from './launch.ts';

/** Throws for a runtime AWS never had (or one this workbench cannot run); otherwise the notes. */
export function runtimeNotes(functions: FunctionSpec[], today?: string): string[] {
  return functions.flatMap((fn) => planLaunch(fn, { nodeBootstrap: '', today }).notes);
}

export { DEFAULT_RUNTIME } from './lifecycle.ts';
export { APP_RUNTIME, RUNTIMES } from './table.ts';
