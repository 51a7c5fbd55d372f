/**
 * npm run logs -- [--function NAME] [--since 10m|ISO] [--follow] [--dir DIR]
 * Reads the log groups the emulator keeps (like `aws logs tail`), from another terminal.
 */
import './quiet-sdk-notice.ts';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type LogRecord, logFiles, parseRecords, readAllRecords } from '../emulator/logs/files.ts';
import { DEFAULT_WIDTH, formatLogEvent, functionOf } from '../emulator/logs/format.ts';
import { readRange } from '../emulator/read-range.ts';
import { readOptions } from './command-line.ts';

const USAGE = `Usage: npm run logs -- [options]
  --function NAME   only /aws/lambda/NAME
  --since WHEN      only events since WHEN: 30s, 10m, 2h, 1d, or an ISO date (default: everything)
  --follow, -f      keep printing new events until Ctrl-C
  --dir DIR         where the emulator keeps log groups (LOGS_DIR, default .local/logs)`;

/** The groups the files hold, by function name. */
function knownFunctions(dir: string): string[] {
  return [...new Set(readAllRecords(dir).map((r) => functionOf(r.group)))].sort();
}

function main(): number {
  const parsed = readOptions<{
    function?: string;
    since?: string;
    follow?: boolean;
    dir?: string;
    help?: boolean;
  }>(
    {
      function: { type: 'string' },
      since: { type: 'string' },
      follow: { type: 'boolean', short: 'f' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, since } = parsed;
  const dir = resolve(values.dir ?? process.env.LOGS_DIR ?? '.local/logs');
  const group = values.function === undefined ? undefined : `/aws/lambda/${values.function}`;
  const width = Math.min(process.stdout.columns || DEFAULT_WIDTH, 160);
  const format = (r: LogRecord) => formatLogEvent(r, { width, showFunction: group === undefined });
  if (values.function !== undefined) {
    const known = knownFunctions(dir);
    if (known.length > 0 && !known.includes(values.function)) {
      console.error(
        `No log group /aws/lambda/${values.function}. Log groups that exist / 있는 로그 그룹:\n${known.map((f) => `  --function ${f}`).join('\n')}`,
      );
      if (!values.follow) return 2;
      console.error('following anyway, in case it runs later / 나중에 실행될 수 있으니 계속 기다립니다');
    }
  }
  const wanted = (r: LogRecord) =>
    (group === undefined || r.group === group) && (since === undefined || r.timestamp >= since);

  // Byte offset read so far in each file, so following prints each event once.
  const offsets = new Map<string, number>();
  const readNew = (): LogRecord[] => {
    const fresh: LogRecord[] = [];
    for (const file of logFiles(dir)) {
      const size = statSync(file).size;
      let from = offsets.get(file) ?? 0;
      if (size < from) from = 0; // the file was replaced: read it again
      if (size === from) continue;
      const buffer = readRange(file, from, size);
      const { records, consumed } = parseRecords(buffer.toString('utf8'));
      offsets.set(file, from + consumed);
      fresh.push(...records.filter(wanted));
    }
    return fresh.sort((a, b) => a.timestamp - b.timestamp);
  };

  const what = `${group ?? 'every log group'}${values.since ? ` since ${values.since}` : ''}`;
  const first = readNew();
  if (first.length === 0) {
    const none =
      existsSync(dir) && logFiles(dir).length > 0
        ? `No events in ${what} yet`
        : `No log groups in ${dir} yet`;
    console.error(
      `${none}. Start the emulator (npm start) and use the app, then run this again${values.follow ? ' (or wait: following)' : ''}. ` +
        'If a function ran and its group stays empty, its role lacks logs:CreateLogGroup, logs:CreateLogStream or logs:PutLogEvents (see policies/README.md).',
    );
  } else {
    console.error(`${what} in ${dir} (times in UTC; the 6 characters after the time name the instance):`);
    for (const r of first) console.log(format(r));
  }
  if (!values.follow) return 0;
  console.error('following; Ctrl-C to stop');
  setInterval(() => {
    for (const r of readNew()) console.log(format(r));
  }, 250);
  return -1;
}

const code = main();
if (code >= 0) process.exitCode = code;
