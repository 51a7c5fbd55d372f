/**
 * A runtime is a tree of processes (node, Lambda instances, a JVM behind a guard shell), so its
 * memory and its shutdown are both about the whole tree, read from /proc as `ps` would.
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

/** `root` and every live descendant. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent === undefined) continue;
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited between listing and reading
  }
}

/**
 * Proportional set size from `/proc/<pid>/smaps_rollup`: each shared page divided by the number of
 * processes mapping it, so ten Lambda instances sharing node's text count it once in total.
 */
export function parsePssKb(smapsRollup: string): number | undefined {
  const match = /^Pss:\s+(\d+)\s+kB/m.exec(smapsRollup);
  return match ? Number(match[1]) : undefined;
}

function pssKb(pid: number): number {
  try {
    return parsePssKb(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')) ?? 0;
  } catch {
    return 0; // exited, or a kernel without smaps_rollup
  }
}

/** Resident memory of the whole tree in MB (shared pages are counted once per process, as top does). */
export function treeRssMb(root: number): number {
  const kb = processTree(root).reduce((sum, pid) => sum + rssKb(pid), 0);
  return kb / 1024;
}

/** Sends `signal` to every process of the tree, leaves first, ignoring the ones already gone. */
export function signalTree(root: number, signal: NodeJS.Signals): void {
  for (const pid of processTree(root).reverse()) {
    try {
      process.kill(pid, signal);
    } catch {
      // already exited
    }
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** What kind of process of a runtime's tree this is, by its command line. */
export function kindOf(command: string): 'JVM' | 'Lambda instance' | 'esbuild' | 'node' | 'other' {
  if (/(^|\/)java\s/.test(command)) return 'JVM';
  if (/runtime\/bootstrap\.m?js/.test(command)) return 'Lambda instance';
  if (/esbuild\s+--service/.test(command)) return 'esbuild';
  if (/(^|\/)node\s/.test(command)) return 'node';
  return 'other';
}

export interface RssPart {
  kind: ReturnType<typeof kindOf>;
  processes: number;
  mb: number;
  /** The same processes' PSS: what they really add to the machine, shared pages split between them. */
  pssMb: number;
}

/** The tree's RSS by kind of process, largest first: says where a runtime's memory goes. */
export function treeRssBreakdown(root: number): { totalMb: number; totalPssMb: number; parts: RssPart[] } {
  const parts = new Map<RssPart['kind'], RssPart>();
  let total = 0;
  let totalPss = 0;
  for (const pid of processTree(root)) {
    const kb = rssKb(pid);
    const pss = pssKb(pid);
    const kind = kindOf(commandOf(pid));
    const part = parts.get(kind) ?? { kind, processes: 0, mb: 0, pssMb: 0 };
    part.processes += 1;
    part.mb += kb / 1024;
    part.pssMb += pss / 1024;
    parts.set(kind, part);
    total += kb;
    totalPss += pss;
  }
  return {
    totalMb: total / 1024,
    totalPssMb: totalPss / 1024,
    parts: [...parts.values()].sort((a, b) => b.mb - a.mb),
  };
}

/** Mean PSS of one Lambda instance in the tree, or undefined when none is running. */
export function lambdaPssEachMb(parts: readonly RssPart[]): number | undefined {
  const lambda = parts.find((p) => p.kind === 'Lambda instance');
  return lambda && lambda.processes > 0 ? lambda.pssMb / lambda.processes : undefined;
}

/** `node 150 MB (PSS 140), 10× Lambda instance 1300 MB (PSS 600, 60 each), …` */
export function describeBreakdown(parts: readonly RssPart[]): string {
  return parts
    .filter((p) => p.mb >= 1)
    .map((p) => {
      const each = p.processes > 1 ? `, ${(p.pssMb / p.processes).toFixed(0)} each` : '';
      return `${p.processes > 1 ? `${p.processes}× ` : ''}${p.kind} ${p.mb.toFixed(0)} MB (PSS ${p.pssMb.toFixed(0)}${each})`;
    })
    .join(', ');
}
