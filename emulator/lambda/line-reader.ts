/**
 * Splits a child's output stream into lines in time linear in its size, keeping at most
 * `maxLineBytes` of any one line: the rest of an over-long line is counted and dropped, so a
 * function printing a 64 MB line costs the host a bounded buffer and no quadratic re-scans.
 */

import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface LineReaderOptions {
  maxLineBytes: number;
  /** `truncatedBytes` > 0 when the line was longer than the limit (the bytes dropped). */
  onLine: (line: string, truncatedBytes: number) => void;
}

const NEWLINE = 0x0a;

export function readLines(stream: Readable, opts: LineReaderOptions): void {
  let pieces: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  const emit = () => {
    const bytes = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, kept);
    pieces = [];
    kept = 0;
    const lost = dropped;
    dropped = 0;
    opts.onLine(decodeWhole(bytes), lost);
  };
  const keep = (chunk: Buffer) => {
    const room = opts.maxLineBytes - kept;
    if (chunk.length <= room) {
      if (chunk.length > 0) pieces.push(chunk);
      kept += chunk.length;
      return;
    }
    if (room > 0) {
      // Copy: a subarray would pin the whole (possibly 64 KB) chunk in memory.
      pieces.push(Buffer.from(chunk.subarray(0, room)));
      kept += room;
    }
    dropped += chunk.length - Math.max(room, 0);
  };
  stream.on('data', (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (;;) {
      const nl = data.indexOf(NEWLINE, start);
      if (nl < 0) break;
      keep(data.subarray(start, nl));
      emit();
      start = nl + 1;
    }
    if (start < data.length) keep(start === 0 ? data : data.subarray(start));
    // Retained pieces are subarrays of `data`; copy the small tail so the chunk can be freed.
    const last = pieces.length - 1;
    if (
      last >= 0 &&
      (pieces[last] as Buffer).buffer === data.buffer &&
      (pieces[last] as Buffer).length < data.length
    ) {
      pieces[last] = Buffer.from(pieces[last] as Buffer);
    }
  });
  stream.on('end', () => {
    if (kept > 0 || dropped > 0) emit();
  });
}

/** UTF-8 text of a line; a character cut in half by truncation is dropped, not mangled. */
function decodeWhole(bytes: Buffer): string {
  const decoder = new StringDecoder('utf8');
  return decoder.write(bytes);
}
