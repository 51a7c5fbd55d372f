/**
 * npm run trace -- [--since 10m|ISO] [--connection ID] [--room NAME] [--function NAME] [--once]
 * The live trace of the running emulator, as compact lines in a terminal: each WebSocket message,
 * the invocation it caused, the AWS calls that invocation made (with IAM denials and late calls),
 * and the frames sent back. Reads what the emulator appends under .local/trace.
 */
import { resolve } from 'node:path';
import { isAlive } from '../emulator/processes.ts';
import { readTraceFile, traceFiles } from '../emulator/trace/files.ts';
import type { Span, TraceFileHeader } from '../emulator/trace/span.ts';
import { formatSpan } from '../emulator/trace/text.ts';
import { readOptions } from './command-line.ts';

const USAGE = `Usage: npm run trace -- [options]
  --since WHEN       spans since WHEN: 30s, 10m, 2h, 1d or an ISO date (default: the last ${40} spans)
  --connection ID    only this connection (a prefix of its id is enough)
  --room NAME        only connections in this room
  --function NAME    only spans of this function
  --logs             also the functions' log lines
  --once             print and exit instead of following
  --dir DIR          where the emulator keeps the trace (TRACE_DIR, default .local/trace)
사용법: npm run trace -- [--since 10m] [--connection ID] [--room 방] [--function 함수] [--logs] [--once]`;

const TAIL = 40;

interface Options {
  since?: string;
  connection?: string;
  room?: string;
  function?: string;
  logs?: boolean;
  once?: boolean;
  dir?: string;
  help?: boolean;
}

function main(): number {
  const parsed = readOptions<Options>(
    {
      since: { type: 'string' },
      connection: { type: 'string' },
      room: { type: 'string' },
      function: { type: 'string' },
      logs: { type: 'boolean' },
      once: { type: 'boolean' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, since } = parsed;
  const dir = resolve(values.dir ?? process.env.TRACE_DIR ?? '.local/trace');
  const width = Math.min(process.stdout.columns || 100, 160);
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  const wanted = (s: Span) =>
    (values.logs || s.kind !== 'log') &&
    (since === undefined || s.at >= since) &&
    (values.connection === undefined || (s.connectionId ?? '').startsWith(values.connection)) &&
    (values.room === undefined || s.room === values.room) &&
    (values.function === undefined || s.functionName === values.function);

  const offsets = new Map<string, number>();
  const headers = new Map<string, TraceFileHeader>();
  const read = (file: string): Span[] => {
    const chunk = readTraceFile(file, offsets.get(file) ?? 0);
    offsets.set(file, chunk.next);
    if (chunk.header) headers.set(file, chunk.header);
    return chunk.spans;
  };

  // The running emulators' files; or, with none running, the last run's.
  const files = traceFiles(dir);
  const initial = files.map((file) => ({ file, spans: read(file) }));
  const live = initial.filter(({ file }) => {
    const header = headers.get(file);
    return header !== undefined && isAlive(header.pid);
  });
  const chosen = live.length > 0 ? live : initial.slice(-1);
  if (chosen.length === 0) {
    console.error(
      `No trace in ${dir} yet. Start the emulator (npm start) and send a message, then run this again.\n` +
        `${dir}에 아직 추적 기록이 없습니다. 에뮬레이터를 시작하고(npm start) 메시지를 보낸 뒤 다시 실행하세요.`,
    );
    if (values.once) return 0;
  }
  for (const { file } of chosen) {
    const header = headers.get(file);
    const state =
      header && isAlive(header.pid) ? 'running / 실행 중' : 'stopped: its last run / 멈춤: 마지막 실행';
    console.error(
      `trace of ${header?.stack ?? '?'} (pid ${header?.pid ?? '?'}, ${state})${header?.page ? ` — page: ${header.page}` : ''}`,
    );
  }
  let shown = chosen.flatMap(({ spans }) => spans).filter(wanted);
  shown.sort((a, b) => a.at - b.at);
  if (since === undefined && shown.length > TAIL) shown = shown.slice(-TAIL);
  for (const span of shown) console.log(formatSpan(span, { width, color }));
  if (values.once) return 0;

  console.error('following; Ctrl+C to stop / 계속 따라갑니다. 멈추려면 Ctrl+C');
  // Files already read are followed from where they ended; new ones (an emulator started
  // meanwhile) from their beginning.
  const followed = new Set(chosen.map(({ file }) => file));
  const ignored = new Set(files.filter((f) => !followed.has(f)));
  setInterval(() => {
    for (const file of traceFiles(dir)) {
      if (ignored.has(file)) continue;
      if (!followed.has(file)) {
        followed.add(file);
        offsets.set(file, 0);
      }
      for (const span of read(file)) if (wanted(span)) console.log(formatSpan(span, { width, color }));
    }
  }, 250);
  return -1;
}

const code = main();
if (code >= 0) process.exitCode = code;
