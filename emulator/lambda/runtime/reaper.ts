/**
 * Kills a Lambda host's instances when the host dies without stopping them (SIGKILL, crash).
 * Frozen (SIGSTOPped) instances cannot notice their parent is gone, so this small process,
 * never frozen, holds their pids: the host writes `+<pid>` / `-<pid>` lines to its stdin, and
 * when stdin closes — the host exited, however — every pid still listed is SIGKILLed.
 */
const pids = new Set<number>();
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 0) continue;
    if (line.startsWith('+')) pids.add(pid);
    else if (line.startsWith('-')) pids.delete(pid);
  }
});
process.stdin.on('close', () => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  process.exit(0);
});
