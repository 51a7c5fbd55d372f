/**
 * Console output as Lambda's Node.js runtime writes it (text log format):
 * `<ISO time>\t<request id>\t<LEVEL>\t<message>`, util.format semantics, newlines inside one
 * message kept as one log event.
 */
import { format } from 'node:util';
import { MAX_LOG_EVENT_BYTES, truncateUtf8 } from '../limits.ts';
import { writeReport } from './report-pipe.ts';

type Level = 'INFO' | 'WARN' | 'ERROR' | 'DEBUG' | 'TRACE' | 'FATAL';

export function formatLine(requestId: string, level: Level, message: string, now = new Date()): string {
  return `${now.toISOString()}\t${requestId}\t${level}\t${message}`;
}

/** Routes console.* to the report pipe. `requestId()` is `undefined` during init, as on AWS. */
export function patchConsole(requestId: () => string | undefined): void {
  const emit =
    (level: Level) =>
    (...args: unknown[]): void => {
      const now = new Date();
      writeReport({
        type: 'log',
        timestamp: now.getTime(),
        // Cut here, where the line is made: a 64 MB message costs the host 256 KB, not 64 MB.
        line: truncateUtf8(formatLine(String(requestId()), level, format(...args), now), MAX_LOG_EVENT_BYTES),
      });
    };
  console.log = emit('INFO');
  console.info = emit('INFO');
  console.warn = emit('WARN');
  console.error = emit('ERROR');
  console.debug = emit('DEBUG');
  console.trace = (...args: unknown[]) => {
    const stack = new Error().stack?.split('\n').slice(2).join('\n') ?? '';
    emit('TRACE')(`Trace: ${format(...args)}\n${stack}`);
  };
}
