/**
 * Stops the emulator when whoever started it is gone. `kill <npm pid>` (an IDE's stop button, a
 * process manager) ends npm without a signal for its child, and an orphan emulator would keep its
 * ports, its JVM and its data directory. On Linux the ancestors are followed through /proc up to
 * the first one that is not a shell (npm runs scripts through `sh -c`), each remembered with its
 * start time so a recycled pid is not mistaken for it; elsewhere a changed parent pid is the sign.
 */
import { readFileSync } from 'node:fs';
import { isAlive } from './processes.ts';

interface Ancestor {
  pid: number;
  startTime: string | undefined;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh', 'fish']);

/** Field 22 of /proc/PID/stat (start time), and the parent pid (field 4); undefined when gone. */
function statOf(pid: number): { ppid: number; startTime: string; comm: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may hold spaces and parentheses: the fields after it start at the last ')'.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    return { ppid: Number(fields[1]), startTime: fields[19] as string, comm };
  } catch {
    return undefined;
  }
}

function ancestors(): Ancestor[] {
  const list: Ancestor[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    const stat = statOf(pid);
    list.push({ pid, startTime: stat?.startTime });
    if (!stat || !SHELLS.has(stat.comm)) break;
    pid = stat.ppid;
  }
  return list;
}

function alive(ancestor: Ancestor): boolean {
  if (ancestor.startTime !== undefined) return statOf(ancestor.pid)?.startTime === ancestor.startTime;
  return isAlive(ancestor.pid);
}

/**
 * Calls `onGone` once, within `intervalMs`, after the parent (or the npm above its shell) dies,
 * when the process was started through npm.
 * Returns a function that stops watching. The timer never keeps the process alive.
 */
export function watchParent(onGone: (pid: number) => void, intervalMs = 400): () => void {
  // Only under npm (npm start, npm run lesson…): started by hand, say with nohup, the emulator
  // is meant to outlive its shell, and signals reach it directly anyway.
  if (process.env.npm_lifecycle_event === undefined && process.env.npm_command === undefined) {
    return () => {};
  }
  const firstParent = process.ppid;
  const watched = ancestors();
  const timer = setInterval(() => {
    const gone = process.ppid !== firstParent ? { pid: firstParent } : watched.find((a) => !alive(a));
    if (!gone) return;
    clearInterval(timer);
    onGone(gone.pid);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
