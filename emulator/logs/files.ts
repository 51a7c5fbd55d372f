/**
 * How log groups are kept on disk: one JSON-lines file per group, so `npm run logs` in another
 * process can read and follow what the emulator writes. Each record carries its group, so a
 * file name only has to be safe, not reversible.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LogRecord {
  group: string;
  stream: string;
  timestamp: number;
  message: string;
  /** When the store took it (CloudWatch's ingestionTime); absent in files written before it was kept. */
  ingestionTime?: number;
}

export const LOG_FILE_SUFFIX = '.jsonl';

/** `/aws/lambda/chosung-quiz` → `aws_lambda_chosung-quiz.jsonl`. */
export function fileNameFor(group: string): string {
  const safe = group.replace(/^\/+/, '').replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safe || 'group'}${LOG_FILE_SUFFIX}`;
}

export function serialise(record: LogRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** Complete lines of `text` as records; a torn last line (still being written) is left out. */
export function parseRecords(text: string): { records: LogRecord[]; consumed: number } {
  const end = text.lastIndexOf('\n') + 1;
  const records: LogRecord[] = [];
  for (const line of text.slice(0, end).split('\n')) {
    if (!line) continue;
    try {
      const r = JSON.parse(line) as LogRecord;
      if (typeof r.group === 'string' && typeof r.message === 'string') records.push(r);
    } catch {
      // A line another writer mangled: skip it rather than lose the rest.
    }
  }
  return { records, consumed: Buffer.byteLength(text.slice(0, end)) };
}

export function logFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(LOG_FILE_SUFFIX))
    .sort()
    .map((name) => join(dir, name));
}

export function readAllRecords(dir: string): LogRecord[] {
  const all: LogRecord[] = [];
  for (const file of logFiles(dir)) all.push(...parseRecords(readFileSync(file, 'utf8')).records);
  return all.sort((a, b) => a.timestamp - b.timestamp);
}
