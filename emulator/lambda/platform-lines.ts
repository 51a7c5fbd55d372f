/**
 * The lines Lambda itself writes around each invocation (START, END, REPORT, timeouts, runtime
 * exits), in the plain-text format of lambda-monitoring / nodejs-logging.html.
 */

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export interface ReportFigures {
  requestId: string;
  durationMs: number;
  memoryMB: number;
  maxMemoryUsedMB: number;
  /** Only on an instance's first invocation (a cold start). */
  initDurationMs?: number;
  status?: 'timeout' | 'error';
  /** A platform error's type, after Status (`Runtime.ExitError`, `Runtime.OutOfMemory`). */
  errorType?: string;
}

export function reportLine(f: ReportFigures): string {
  const parts = [
    `REPORT RequestId: ${f.requestId}`,
    `Duration: ${f.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(f.durationMs))} ms`,
    `Memory Size: ${f.memoryMB} MB`,
    `Max Memory Used: ${f.maxMemoryUsedMB} MB`,
  ];
  if (f.initDurationMs !== undefined) parts.push(`Init Duration: ${f.initDurationMs.toFixed(2)} ms`);
  if (f.status) parts.push(`Status: ${f.status}`);
  if (f.errorType) parts.push(`Error Type: ${f.errorType}`);
  return `${parts.join('\t')}\t`;
}

export function timedOutLine(requestId: string, timeoutSeconds: number, now = new Date()): string {
  return `${now.toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

export function timedOutMessage(requestId: string, timeoutSeconds: number): string {
  return `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

/** Lambda's words for a signal (Go's names: its runtime API is written in Go). */
const SIGNAL_WORDS: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted', // V8's "JavaScript heap out of memory" ends in abort()
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGBUS: 'bus error',
};

/** How the runtime describes its process ending mid-invocation. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `Runtime exited with error: signal: ${SIGNAL_WORDS[signal] ?? signal}`;
  if (code === 0) return 'Runtime exited without providing a reason';
  return `Runtime exited with error: exit status ${code}`;
}
