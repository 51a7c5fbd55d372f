/** Part of a file another process is still appending to (the log and trace files). */
import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes `from` up to `to` of `file`: what was written since the last read. */
export function readRange(file: string, from: number, to: number): Buffer {
  const buffer = Buffer.alloc(to - from);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  return buffer;
}
