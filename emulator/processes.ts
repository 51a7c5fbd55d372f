/** Whether a process is still there, asked the two ways the emulator, bench and tests need. */
import { readFileSync } from 'node:fs';

/** The pid exists (signal 0 reaches it; EPERM means it exists but is another user's). A zombie counts. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Running as /proc sees it: a zombie has ended, whoever reaps it (Linux only). */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}
