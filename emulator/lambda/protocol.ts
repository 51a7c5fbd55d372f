/**
 * What the host and one instance's bootstrap say to each other. Events go down the IPC
 * channel; everything the instance reports goes up a dedicated pipe as one JSON object per
 * line, written synchronously so that it is complete before the instance freezes itself.
 */

/** File descriptor, in the instance, of the report pipe (stdio index 3). */
export const REPORT_FD = 3;

/** Host → instance. */
export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: unknown;
  /** Epoch milliseconds at which the host will kill the invocation. */
  /** Milliseconds the handler may run; the instance derives getRemainingTimeInMillis() from it. */
  timeoutMs: number;
  invokedFunctionArn: string;
}

/** An error as the Node.js runtime reports it. */
export interface RuntimeError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** Instance → host. */
export type Report =
  /** The module has loaded (or failed to): sent once, before any invocation result. */
  | { type: 'init'; durationMs: number; error?: RuntimeError }
  /** A console line, already in the runtime's format. On the same pipe as results, so that a
   * handler's last lines always come before its END line. */
  | { type: 'log'; timestamp: number; line: string }
  /** The instance has the event and is running the handler. Stamped by the instance, so that
   * START never sorts after the handler's first console line. */
  | { type: 'ack'; requestId: string; timestamp: number }
  | { type: 'result'; requestId: string; ok: true; payload: unknown; maxRssBytes: number }
  | { type: 'result'; requestId: string; ok: false; error: RuntimeError; maxRssBytes: number };
