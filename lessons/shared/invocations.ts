/**
 * Follows a running emulator's log store and keeps, per function, how many invocations have
 * ended (Lambda's `END RequestId` line) and what errors they reported. A check waits for the END
 * of the invocation it caused before it judges a table row, so a write the handler did not await
 * is judged at the moment Lambda froze the instance, the same way on every run.
 */
import type { LogStore } from '../../emulator/logs/index.ts';
import { type FunctionError, parseErrorLine } from '../runner/function-errors.ts';

const GROUP_PREFIX = '/aws/lambda/';

export interface InvocationWatch {
  /** Invocations of `functionName` that have ended so far. */
  ended(functionName: string): number;
  /** Resolves true once `count` invocations of `functionName` have ended; false on timeout. */
  waitForEnds(functionName: string, count: number, timeoutMs?: number): Promise<boolean>;
  /** Does `act` (a frame sent, a socket closed), then waits for the invocation it causes to end. */
  afterNext(functionName: string, act: () => unknown): Promise<boolean>;
  /** Every error any function reported, oldest first. */
  errors(): FunctionError[];
  close(): void;
}

export function watchInvocations(logs: LogStore): InvocationWatch {
  const ends = new Map<string, number>();
  const errors: FunctionError[] = [];
  const waiters = new Set<() => void>();
  const stop = logs.follow((record) => {
    if (!record.group.startsWith(GROUP_PREFIX)) return;
    const functionName = record.group.slice(GROUP_PREFIX.length);
    if (record.message.startsWith('END RequestId: ')) {
      ends.set(functionName, (ends.get(functionName) ?? 0) + 1);
      for (const wake of [...waiters]) wake();
      return;
    }
    const error = parseErrorLine(functionName, record.message);
    if (error) errors.push(error);
  });
  const ended = (functionName: string) => ends.get(functionName) ?? 0;
  const waitForEnds = (functionName: string, count: number, timeoutMs = 10_000) =>
    new Promise<boolean>((resolve) => {
      const look = () => {
        if (ended(functionName) < count) return;
        finish(true);
      };
      const finish = (value: boolean) => {
        clearTimeout(timer);
        waiters.delete(look);
        resolve(value);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      waiters.add(look);
      look();
    });
  return {
    ended,
    waitForEnds,
    afterNext: async (functionName, act) => {
      const before = ended(functionName);
      await act();
      return waitForEnds(functionName, before + 1);
    },
    errors: () => [...errors],
    close: () => {
      stop();
      for (const wake of [...waiters]) wake();
    },
  };
}
