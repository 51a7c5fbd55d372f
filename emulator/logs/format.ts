/**
 * How `npm run logs` prints one event so that it fits a terminal (100 columns unless it is wider):
 * the time, the function (when several are shown), a short instance id, the level and request id
 * the runtime wrote, then the text; long text wraps under itself.
 */
import type { LogRecord } from './files.ts';

export const DEFAULT_WIDTH = 100;

/** `<ISO time>\t<request id>\t<LEVEL>\t<text>`, as the Node.js runtime formats console lines. */
const RUNTIME_LINE = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\t([0-9a-f-]{36}|undefined)\t([A-Z]+)\t([\s\S]*)$/;

export interface FormatOptions {
  /** Columns to fit; DEFAULT_WIDTH when the terminal does not say. */
  width?: number;
  /** Print the function's name (when events of several groups are shown). */
  showFunction?: boolean;
}

export function functionOf(group: string): string {
  return group.startsWith('/aws/lambda/') ? group.slice('/aws/lambda/'.length) : group;
}

/** The last characters of `2024/05/01/[$LATEST]<32 hex>`: enough to tell instances apart. */
export function instanceOf(stream: string): string {
  return stream.slice(-6);
}

export function formatLogEvent(record: LogRecord, options: FormatOptions = {}): string {
  const width = Math.max(40, options.width ?? DEFAULT_WIDTH);
  const time = new Date(record.timestamp).toISOString().slice(11, 23);
  const who = options.showFunction ? `${functionOf(record.group)} ` : '';
  const head = `${time} ${who}${instanceOf(record.stream)} `;
  const message = record.message.replace(/\s+$/, '');
  const runtime = RUNTIME_LINE.exec(message);
  const text = runtime
    ? `${(runtime[3] as string).padEnd(5)} ${(runtime[2] as string).slice(0, 8)} ${runtime[4]}`
    : message.replace(/\t/g, '  ');
  return wrap(head, text, width);
}

/** `head` then `text`, cut into lines of at most `width` columns; continuations are indented. */
export function wrap(head: string, text: string, width: number): string {
  const indent = '    ';
  const out: string[] = [];
  const lines = text.split('\n');
  let prefix = head;
  for (const line of lines) {
    let rest = line;
    do {
      const room = Math.max(10, width - columns(prefix));
      const [piece, after] = cut(rest, room);
      out.push(`${prefix}${piece}`.replace(/\s+$/, ''));
      rest = after;
      prefix = indent;
    } while (rest.length > 0);
  }
  return out.join('\n');
}

/** Korean syllables and other wide characters take two columns in a terminal. */
function charColumns(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff)
    ? 2
    : 1;
}

export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += charColumns(ch);
  return n;
}

/** The longest start of `text` that fits `room` columns, preferring to break at a space. */
function cut(text: string, room: number): [string, string] {
  let used = 0;
  let end = 0;
  const chars = [...text];
  while (end < chars.length && used + charColumns(chars[end] as string) <= room) {
    used += charColumns(chars[end] as string);
    end++;
  }
  if (end >= chars.length) return [text, ''];
  const space = chars.lastIndexOf(' ', end);
  const at = space > room / 2 ? space : end;
  return [chars.slice(0, at).join(''), chars.slice(at).join('').replace(/^ /, '')];
}
