/**
 * Synchronous writes to the host's report pipe. Synchronous because the instance stops itself
 * right after reporting a result: an asynchronous write would still be queued when it freezes.
 */
import { writeSync } from 'node:fs';
import { REPORT_FD, type Report } from '../protocol.ts';

const pause = new Int32Array(new SharedArrayBuffer(4));

export function writeReport(report: Report): void {
  writeAll(REPORT_FD, Buffer.from(`${JSON.stringify(report)}\n`));
}

/** Writes every byte, waiting out EAGAIN when a large payload fills a non-blocking pipe. */
export function writeAll(fd: number, data: Buffer): void {
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
