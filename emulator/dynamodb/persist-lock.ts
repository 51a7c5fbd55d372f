/**
 * One `--persist` directory belongs to one emulator at a time: two engines on the same files
 * overwrite each other's rows. The lock is a file holding the owner's pid; a lock whose pid is no
 * longer running is stale and taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isAlive } from '../processes.ts';

export const LOCK_FILE = '.emulator.lock';

export class PersistLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `${dir} is in use by another emulator (pid ${pid}). Stop that one first (kill ${pid}, or Ctrl+C where it runs), ` +
        `or give this one its own directory (--persist OTHER_DIR). ` +
        `/ ${dir} 폴더는 다른 에뮬레이터(pid ${pid})가 쓰고 있습니다. 그쪽을 먼저 멈추거나 다른 --persist 폴더를 쓰세요.`,
    );
    this.name = 'PersistLockedError';
  }
}

export interface PersistLock {
  file: string;
  release(): void;
}

const held = new Set<string>();

/** Takes the directory's lock (the directory must exist), or throws PersistLockedError. */
export function lockPersistDir(dir: string): PersistLock {
  const file = join(resolve(dir), LOCK_FILE);
  // Two emulators in one process (tests, lessons) are refused the same way.
  if (held.has(file)) throw new PersistLockedError(resolve(dir), process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(file);
        process.off('exit', release);
        // Only our own lock: a stale-lock takeover by someone else must not be undone.
        if (ownerOf(file) === process.pid) rmSync(file, { force: true });
      };
      process.on('exit', release);
      held.add(file);
      return { file, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(file);
      if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
        throw new PersistLockedError(resolve(dir), owner);
      }
      // Stale (its emulator died without cleaning up) or unreadable: take it over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}; remove it if no emulator is running`);
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
