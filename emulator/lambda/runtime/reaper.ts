/**
 * Kills a Lambda host's instances when the host dies without stopping them (SIGKILL, crash).
 * Frozen (SIGSTOPped) instances cannot notice their parent is gone, so this small process,
 * never frozen, holds their pids: the host writes `+<pid> <log stream>` / `-<pid>` lines to its
 * stdin, and when stdin closes — the host exited, however — every instance still listed is
 * SIGKILLed with every process it started (process-tree.ts).
 */
import { readLines } from '../line-reader.ts';
import { ProcessTree } from '../process-tree.ts';

const instances = new Map<number, string>();
readLines(process.stdin, {
  maxLineBytes: 1024,
  onLine: (line) => {
    const [head = '', stream = ''] = line.split(' ');
    const pid = Number(head.slice(1));
    if (!Number.isInteger(pid) || pid <= 0) return;
    if (head.startsWith('+')) instances.set(pid, stream);
    else if (head.startsWith('-')) instances.delete(pid);
  },
});
process.stdin.on('close', () => {
  ProcessTree.killAll(
    [...instances].map(([pid, stream]) => new ProcessTree(pid, `AWS_LAMBDA_LOG_STREAM_NAME=${stream}`)),
  );
  process.exit(0);
});
