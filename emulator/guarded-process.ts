/**
 * Processes that cannot outlive whoever started them (the emulator's JVM, `npm run offline`'s osls
 * and its JVM): each runs under a small shell that kills it when this process goes, however it
 * goes. No orphan java, ever.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The command runs under a small shell that watches its stdin: if this process dies, even by
 * SIGKILL, the pipe closes and the shell signals its whole process group, so the command and
 * whatever it started (osls's DynamoDB Local) go with it. The shell ends when the command does, so
 * one that dies on its own is noticed. stop() kills the whole process group.
 */
export function spawnGuarded(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ChildProcess {
  // The stdin watcher runs beside the command, so the shell also ends (and reports it) when the
  // command dies alone. (An asynchronous list's stdin is /dev/null unless redirected, hence the
  // copy on fd 3.) `kill 0` is the shell's own group: the command, its children, the watcher.
  const script =
    'exec 3<&0; "$0" "$@" 3<&- & jpid=$!; trap \'kill $jpid 2>/dev/null; exit 0\' TERM INT HUP; ' +
    '(while read -r _; do :; done; kill 0 2>/dev/null) <&3 & wait $jpid; status=$?; kill $! 2>/dev/null; exit $status';
  const child = spawn('sh', ['-c', script, command, ...args], {
    ...options,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  guardedChildren.add(child);
  child.once('exit', () => guardedChildren.delete(child));
  return child;
}

const guardedChildren = new Set<ChildProcess>();
// A synchronous last resort: 'exit' handlers cannot await, but a group kill needs no waiting.
process.once('exit', () => {
  for (const child of guardedChildren) killGroup(child, 'SIGKILL');
});

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the shell has exited. */
export async function stopGuarded(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    // The shell may have gone before what it started; nothing of the group may stay.
    killGroup(child, 'SIGKILL');
    return;
  }
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // The shell may exit first; make sure nothing of the group is left.
  killGroup(child, 'SIGKILL');
}
