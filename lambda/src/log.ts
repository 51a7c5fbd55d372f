/**
 * One JSON line per event, so CloudWatch Logs (and the emulator's log store) can filter on fields.
 * Errors keep their name and message: a swallowed 403 was the workshop's hardest bug to see.
 */

export type LogContext = Record<string, unknown>;

export interface Logger {
  info(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
}

export const consoleLogger: Logger = {
  info: (message, context) => console.log(JSON.stringify({ level: 'info', message, ...context })),
  error: (message, context) => console.error(JSON.stringify({ level: 'error', message, ...context })),
};

/** The parts of an error worth a log line: SDK errors carry their name and HTTP status. */
export function describeError(error: unknown): LogContext {
  if (error instanceof Error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return { errorName: error.name, errorMessage: error.message, ...(status ? { httpStatus: status } : {}) };
  }
  return { errorName: 'NonError', errorMessage: String(error) };
}
