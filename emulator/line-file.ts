/**
 * An append-only file of lines, written by this process and read by others as it grows
 * (`npm run logs`, `npm run trace`). Lines written in the same turn of the event loop reach the
 * disk in one write: a write per line cost the emulator about a tenth of its time in a burst of
 * connects (a log line and several trace spans per invocation, each its own system call).
 */
import { createWriteStream, type WriteStream } from 'node:fs';

export class LineFile {
  private stream: WriteStream | undefined;
  private corked = false;

  /** `onError`: the file could not be written (a full disk); later lines are dropped. */
  constructor(path: string, onError: () => void = () => {}) {
    this.stream = createWriteStream(path, { flags: 'a' });
    this.stream.on('error', () => {
      this.stream = undefined;
      onError();
    });
  }

  /** Appends `line` (with its own trailing newline) before the next turn of the event loop ends. */
  write(line: string): void {
    const stream = this.stream;
    if (!stream) return;
    if (!this.corked) {
      this.corked = true;
      stream.cork();
      setImmediate(() => {
        this.corked = false;
        stream.uncork();
      });
    }
    stream.write(line);
  }

  /** Writes what is pending and closes the file. */
  end(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    if (!stream) return Promise.resolve();
    return new Promise((resolve) => stream.end(resolve));
  }
}
