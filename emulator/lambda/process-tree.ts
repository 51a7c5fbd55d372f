/**
 * An instance's processes, read from Linux's /proc: the instance, its children, and theirs —
 * detached ones included (a detached child leaves the process group, so groups are not enough).
 * Lambda's sandbox ends every process in it; here that takes following descendants:
 *
 * - by parentage (`/proc/<pid>/task/<tid>/children`), while their parents live;
 * - by memory of what was seen before (a child that outlived its parent is reparented to init);
 * - by the instance's environment, which children inherit: every process whose environ holds the
 *   instance's own `AWS_LAMBDA_LOG_STREAM_NAME=<stream>` (unique per instance) belongs to it.
 *
 * Without /proc (macOS), only the instance itself is known.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PROC = '/proc';
/** The kernel's page size (AT_PAGESZ in the auxiliary vector; 4 KB on x86-64, up to 64 KB on arm64). */
const PAGE_BYTES = (() => {
  try {
    const auxv = readFileSync(`${PROC}/self/auxv`);
    for (let at = 0; at + 16 <= auxv.length; at += 16) {
      if (auxv.readBigUInt64LE(at) === 6n) return Number(auxv.readBigUInt64LE(at + 8));
    }
  } catch {
    // No /proc: nothing is measured anyway.
  }
  return 4096;
})();
export const HAS_PROC = (() => {
  try {
    readFileSync(`${PROC}/self/stat`);
    return true;
  } catch {
    return false;
  }
})();

/** A process, identified by pid and start time (pids are reused). */
interface Known {
  pid: number;
  startTime: string;
}

export class ProcessTree {
  private readonly known = new Map<number, string>();
  /** The root's start time: once it is gone, its pid may be reused by an unrelated process. */
  private readonly rootStart: string | undefined;

  /** `marker`: an environment entry (`NAME=value`) only this tree's processes carry. */
  constructor(
    readonly rootPid: number,
    private readonly marker: string,
  ) {
    this.rootStart = HAS_PROC ? startTimeOf(rootPid) : undefined;
  }

  /**
   * The live processes of the tree, root first; refreshes what is known. `threads: 'main'` looks
   * for children of each process's main thread only: a tenth of the reads for a Node process
   * (about ten threads), and where Node and Python start processes unless code spawns from a
   * worker thread; a full walk (the default) finds those too, and they are known from then on.
   */
  members(threads: 'all' | 'main' = 'all'): number[] {
    if (!HAS_PROC) return [this.rootPid];
    const found: Known[] = [];
    const seen = new Set<number>();
    const queue: Known[] = [];
    const rootStart = startTimeOf(this.rootPid);
    if (rootStart !== undefined && rootStart === this.rootStart)
      queue.push({ pid: this.rootPid, startTime: rootStart });
    for (const [pid, startTime] of this.known) {
      if (startTimeOf(pid) === startTime) queue.push({ pid, startTime });
      else this.known.delete(pid);
    }
    while (queue.length > 0) {
      const next = queue.shift() as Known;
      if (seen.has(next.pid)) continue;
      seen.add(next.pid);
      found.push(next);
      for (const child of childrenOf(next.pid, threads)) {
        if (seen.has(child)) continue;
        const startTime = startTimeOf(child);
        if (startTime !== undefined) queue.push({ pid: child, startTime });
      }
    }
    for (const { pid, startTime } of found) if (pid !== this.rootPid) this.known.set(pid, startTime);
    return found.map((k) => k.pid);
  }

  /** Resident memory of the tree, in bytes (see members() for `threads`). */
  rssBytes(threads: 'all' | 'main' = 'all'): number {
    return this.measure(threads).rssBytes;
  }

  /** The tree's processes and their resident memory, in one walk. */
  measure(threads: 'all' | 'main' = 'all'): { pids: number[]; rssBytes: number } {
    const pids = this.members(threads);
    let rssBytes = 0;
    for (const pid of pids) rssBytes += rssOf(pid);
    return { pids, rssBytes };
  }

  /** Sends `signal` to every process of the tree but the root (SIGSTOP/SIGCONT of a freeze). */
  signalDescendants(signal: NodeJS.Signals, pids: number[] = this.members()): void {
    for (const pid of pids) {
      if (pid === this.rootPid) continue;
      try {
        process.kill(pid, signal);
      } catch {
        // Gone.
      }
    }
  }

  /**
   * SIGKILLs every process of the tree, found by parentage, by memory and by environment.
   * Synchronous, so it also works from a process 'exit' handler.
   */
  killAll(): void {
    ProcessTree.killAll([this]);
  }

  /** killAll() for many trees with one pass over /proc (reading every environ costs ~50 ms). */
  static killAll(trees: ProcessTree[]): void {
    if (trees.length === 0) return;
    const roots = new Set(trees.map((t) => t.rootPid));
    const targets = new Set<number>();
    for (const tree of trees) for (const pid of tree.members()) targets.add(pid);
    for (const pid of processesWithEnv(trees.map((t) => t.marker))) targets.add(pid);
    for (const pid of targets) kill(pid);
    // A process that forked while we killed it leaves a child that carries the environment too.
    if ([...targets].some((pid) => !roots.has(pid))) {
      for (const pid of processesWithEnv(trees.map((t) => t.marker))) kill(pid);
    }
    for (const tree of trees) tree.known.clear();
  }
}

/** Pids of the current user's processes whose environment holds one of `entries` (`NAME=value`). */
export function processesWithEnv(entries: string[]): number[] {
  if (!HAS_PROC || entries.length === 0) return [];
  const needles = entries.map((entry) => Buffer.from(`\0${entry}\0`));
  const result: number[] = [];
  for (const name of safeReaddir(PROC)) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const env = Buffer.concat([Buffer.from([0]), readFileSync(`${PROC}/${pid}/environ`)]);
      if (needles.some((needle) => env.includes(needle))) result.push(pid);
    } catch {
      // Gone, or another user's process.
    }
  }
  return result;
}

function childrenOf(pid: number, threads: 'all' | 'main'): number[] {
  const result: number[] = [];
  for (const tid of threads === 'main' ? [String(pid)] : safeReaddir(`${PROC}/${pid}/task`)) {
    try {
      const text = readFileSync(`${PROC}/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) for (const child of text.split(' ')) result.push(Number(child));
    } catch {
      // Thread gone.
    }
  }
  return result;
}

/** Field 22 of /proc/<pid>/stat, after the command name (which may hold spaces or parens). */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`${PROC}/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined; // a zombie holds no memory
    return fields[19];
  } catch {
    return undefined;
  }
}

/** Resident pages (statm's second field, what VmRSS reports): statm is far cheaper to read than status. */
function rssOf(pid: number): number {
  try {
    const resident = Number(readFileSync(`${PROC}/${pid}/statm`, 'utf8').split(' ')[1]);
    return Number.isFinite(resident) ? resident * PAGE_BYTES : 0;
  } catch {
    return 0;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
