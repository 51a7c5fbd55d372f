/**
 * The trace files under `.local/trace/`, one per emulator run (`<start time>-<pid>.jsonl`): a
 * header line naming the emulator, then one span per line. `npm run trace` reads them from
 * another process, the way `npm run logs` reads the log groups.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../processes.ts';
import { readRange } from '../read-range.ts';
import { isSpan, type Span, type TraceFileHeader } from './span.ts';

export function traceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => join(dir, name));
}

export interface TraceChunk {
  header?: TraceFileHeader;
  spans: Span[];
  /** Bytes read up to the last complete line. */
  next: number;
}

/** Complete lines of `file` from byte `from`; a line still being written waits for the next read. */
export function readTraceFile(file: string, from = 0): TraceChunk {
  const size = statSync(file).size;
  if (size <= from) return { spans: [], next: size < from ? 0 : from };
  const buffer = readRange(file, from, size);
  const text = buffer.toString('utf8');
  const end = text.lastIndexOf('\n') + 1;
  const chunk: TraceChunk = { spans: [], next: from + Buffer.byteLength(text.slice(0, end)) };
  for (const line of text.slice(0, end).split('\n')) {
    if (!line) continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (isSpan(value)) chunk.spans.push(value);
      else if ((value as TraceFileHeader)?.kind === 'emulator') chunk.header = value as TraceFileHeader;
    } catch {
      /* a mangled line is skipped, the rest still read */
    }
  }
  return chunk;
}

/** Runs kept on disk: older files of emulators that have stopped are removed at the next start. */
export const KEPT_RUNS = 10;

/** Removes the oldest files of stopped emulators beyond the newest `keep`. */
export function pruneTraceFiles(dir: string, keep = KEPT_RUNS): void {
  const files = traceFiles(dir);
  for (const file of files.slice(0, Math.max(0, files.length - keep))) {
    try {
      const header = readFirstHeader(file);
      if (header && isAlive(header.pid)) continue;
      rmSync(file, { force: true });
    } catch {
      /* another process may be pruning the same folder */
    }
  }
}

function readFirstHeader(file: string): TraceFileHeader | undefined {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    const line = buffer.subarray(0, n).toString('utf8').split('\n', 1)[0] ?? '';
    const value = JSON.parse(line) as TraceFileHeader;
    return value?.kind === 'emulator' ? value : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
