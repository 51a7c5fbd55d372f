/** Errors in the shape the Node.js runtime gives them: `{ errorType, errorMessage, trace }`. */
import { types } from 'node:util';
import type { RuntimeError } from '../protocol.ts';

export function toRuntimeError(error: unknown): RuntimeError {
  if (types.isNativeError(error) || (error instanceof Object && 'name' in error && 'message' in error)) {
    const e = error as Error;
    return {
      errorType: String(e.name),
      errorMessage: String(e.message),
      trace: String(e.stack ?? '').split('\n'),
    };
  }
  // The runtime reports thrown non-errors (a string, a number) by their type.
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/** The runtime's own errors carry a `Runtime.` type and the original error as the message. */
export function runtimeError(errorType: string, cause: unknown): RuntimeError {
  const trace = types.isNativeError(cause) ? String(cause.stack ?? '').split('\n') : [];
  return {
    errorType,
    errorMessage: String(cause),
    trace: [`${errorType}: ${String(cause)}`, ...trace.slice(1)],
  };
}

/** Missing modules, however Node reported them (CommonJS or ESM resolution). */
export function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') return true;
  // Errors thrown in off-thread resolution hooks may lose `code` on their way back.
  return types.isNativeError(error) && /^Cannot find (module|package) /.test(error.message);
}
