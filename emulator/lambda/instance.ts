/**
 * One execution environment: a child process running the runtime bootstrap with one function's
 * bundle loaded. Runs one invocation at a time; between invocations it is frozen (stopped by
 * SIGSTOP, which it sends itself right after reporting a result) and thawed here with SIGCONT.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { MAX_LOG_EVENT_BYTES, MAX_REPORT_LINE_BYTES, MEMORY_POLL_MS, truncateUtf8 } from './limits.ts';
import { readLines } from './line-reader.ts';
import { ProcessTree } from './process-tree.ts';
import type { InvokeMessage, Report, RuntimeError } from './protocol.ts';

/** Longest an instance may take to load its module before its first invocation fails. */
const INIT_LIMIT_MS = 10_000;
/** How often SIGCONT is repeated until the instance acknowledges the event (see thaw()). */
const THAW_RETRY_MS = 20;
/** How long an instance stays frozen before it is asked to give its heap back (see trim()), */
export const IDLE_TRIM_MS = 500;
/** provided it grew this much beyond its smallest size: the collection costs it ~30–50 ms of CPU. */
const TRIM_GROWTH_BYTES = 16 * 1024 * 1024;

export interface InstanceOptions {
  /** The runtime's executable and arguments (runtimes/launch.ts): Node + bootstrap, or Python. */
  command: string;
  args: string[];
  taskRoot: string;
  env: Record<string, string>;
  logStream: string;
  generation: number;
  /** The function's MemorySize: the instance's process tree is killed beyond it. */
  memoryLimitBytes: number;
  /** A line the instance wrote (console, stdout or stderr), for `/aws/lambda/<fn>`. */
  onLog: (message: string, timestamp: number) => void;
  onExit: (instance: Instance) => void;
  /** Node instances: the folder where the bootstrap looks for `<pid>` when woken (runtime/heap-trim.ts). */
  trimDir?: string | undefined;
}

export type InstanceOutcome = (
  | { kind: 'result'; ok: true; payload: unknown }
  | { kind: 'result'; ok: false; error: RuntimeError }
  | { kind: 'timeout' }
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null }
  /** Killed for using more than its MemorySize (Runtime.OutOfMemory). */
  | { kind: 'oom' }
) & {
  durationMs: number;
  maxRssBytes: number;
  /** Set on the instance's first invocation: the cold start's init phase. */
  initDurationMs?: number;
};

interface Running {
  requestId: string;
  resolve: (outcome: InstanceOutcome) => void;
  onStart: (timestamp: number) => void;
  timeoutMs: number;
  startedAt?: number;
  timers: NodeJS.Timeout[];
}

export class Instance {
  readonly logStream: string;
  readonly generation: number;
  readonly pid: number | undefined;
  /** Init error reported by the bootstrap; such an instance is discarded after one invocation. */
  initError: RuntimeError | undefined;
  frozen = false;
  busy = false;
  dead = false;
  /** Retired instances (old code) are killed instead of being reused. */
  retired = false;

  private readonly child: ChildProcess;
  private running: Running | undefined;
  private initDurationMs: number | undefined;
  private initReported = false;
  private maxRssBytes = 0;
  private readonly closed: Promise<void>;
  private readonly tree: ProcessTree | undefined;
  private readonly memoryPoll: NodeJS.Timeout;
  private outOfMemory = false;
  private treeKilled = false;
  /** The descendants the last freeze stopped: the ones a thaw continues (no /proc walk per event). */
  private stoppedDescendants: number[] = [];
  private trimTimer: NodeJS.Timeout | undefined;
  private trimAsked = false;
  /** The process tree's RSS: the smallest seen (after init, after a result) and the latest. */
  private smallestRssBytes = Number.POSITIVE_INFINITY;
  private latestRssBytes = 0;

  constructor(private readonly opts: InstanceOptions) {
    this.logStream = opts.logStream;
    this.generation = opts.generation;
    this.child = spawn(opts.command, opts.args, {
      cwd: opts.taskRoot,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.pid = this.child.pid;
    // --- limits: the process tree (memory, descendants) and bounded line reading ---
    // Children inherit the environment, so the log stream name, unique per instance, marks them.
    this.tree =
      this.pid === undefined
        ? undefined
        : new ProcessTree(this.pid, `AWS_LAMBDA_LOG_STREAM_NAME=${opts.env.AWS_LAMBDA_LOG_STREAM_NAME}`);
    this.memoryPoll = setInterval(() => this.checkMemory(), MEMORY_POLL_MS);
    this.memoryPoll.unref();
    const [, stdout, stderr, reports] = this.child.stdio as unknown as [null, Readable, Readable, Readable];
    const logLine = {
      maxLineBytes: MAX_LOG_EVENT_BYTES,
      onLine: (line: string) => opts.onLog(line, Date.now()),
    };
    readLines(stdout, logLine);
    readLines(stderr, logLine);
    readLines(reports, {
      maxLineBytes: MAX_REPORT_LINE_BYTES,
      onLine: (line, cut) => this.onReport(line, cut),
    });
    // --- end limits ---
    // An IPC error here means the instance is already gone; 'close' reports it.
    this.child.on('error', () => {});
    this.closed = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.dead = true;
        this.frozen = false;
        clearInterval(this.memoryPoll);
        this.cancelTrim();
        // Whatever ended the instance (a crash, process.exit), nothing it started outlives it.
        if (!this.treeKilled) this.tree?.killAll();
        this.finish(this.outOfMemory ? { kind: 'oom' } : { kind: 'exit', code, signal });
        opts.onExit(this);
        resolve();
      });
    });
  }

  /** Runs one event; resolves when the handler completed, timed out, or the process ended. */
  invoke(message: InvokeMessage, onStart: (timestamp: number) => void): Promise<InstanceOutcome> {
    if (this.busy || this.dead) throw new Error('Lambda host bug: invoke() on a busy or dead instance');
    this.busy = true;
    this.cancelTrim();
    return new Promise((resolve) => {
      const running: Running = {
        requestId: message.requestId,
        resolve,
        onStart,
        timeoutMs: message.timeoutMs,
        timers: [],
      };
      this.running = running;
      running.timers.push(setTimeout(() => this.timeOut(), INIT_LIMIT_MS + message.timeoutMs));
      this.thaw(running);
      this.child.send(message, () => {});
    });
  }

  /**
   * SIGCONT can overtake the instance's own SIGSTOP (it reports first, then stops itself), and
   * a SIGCONT that arrives before the stop is lost. So it is repeated until the instance
   * acknowledges the event; SIGCONT to a running process does nothing.
   */
  private thaw(running: Running): void {
    if (!this.frozen) return;
    this.frozen = false;
    this.signal('SIGCONT');
    // Only the processes the freeze stopped need continuing: a stopped process starts none.
    if (this.stoppedDescendants.length > 0) this.tree?.signalDescendants('SIGCONT', this.stoppedDescendants);
    this.stoppedDescendants = [];
    // The usual lost SIGCONT is an instance that has just reported and is microseconds away from
    // its own SIGSTOP (a busy function is reused at once), so retry after 1 ms, then back off.
    let delay = 1;
    const retry = () => {
      if (this.running !== running || running.startedAt !== undefined || this.dead) return;
      this.signal('SIGCONT');
      delay = Math.min(delay * 2, THAW_RETRY_MS);
      running.timers.push(setTimeout(retry, delay));
    };
    running.timers.push(setTimeout(retry, delay));
  }

  /** SIGKILLs the instance and every process it started; resolves once the instance is gone.
   * Works on frozen instances too. */
  kill(): Promise<void> {
    this.killSync();
    return this.closed;
  }

  /** For a process 'exit' handler, where nothing asynchronous runs any more. */
  killSync(): void {
    Instance.killAllSync([this]);
  }

  /** killSync() for many instances at once: one pass over /proc for all their process trees. */
  static killAllSync(instances: Instance[]): void {
    const trees: ProcessTree[] = [];
    for (const instance of instances) {
      if (instance.dead || instance.treeKilled) continue;
      instance.treeKilled = true;
      // Directly as well: the tree skips a root whose start time it could not confirm.
      instance.signal('SIGKILL');
      if (instance.tree) trees.push(instance.tree);
    }
    ProcessTree.killAll(trees);
  }

  /**
   * Lambda's sandbox cannot exceed its MemorySize: the kernel kills it there. Off-heap memory
   * (Buffers) counts, so the tree's RSS is measured rather than the V8 heap capped. A frozen
   * instance does not run, so only thawed ones are measured.
   */
  private checkMemory(): void {
    if (this.dead || this.frozen || !this.tree) return;
    // Polled ten times a second while running: children of the main threads only (a full walk
    // follows each invocation, and whatever it found is measured here from then on).
    const rss = this.tree.rssBytes('main');
    this.maxRssBytes = Math.max(this.maxRssBytes, rss);
    if (rss > this.opts.memoryLimitBytes) this.killForMemory();
  }

  private killForMemory(): void {
    if (this.outOfMemory || this.dead) return;
    this.outOfMemory = true;
    this.retired = true;
    this.killSync();
  }

  // --- idle trim: the heap given back while frozen (runtime/heap-trim.ts) ---
  private noteRss(rssBytes: number): void {
    if (rssBytes <= 0) return;
    this.latestRssBytes = rssBytes;
    this.smallestRssBytes = Math.min(this.smallestRssBytes, rssBytes);
  }

  /** Only an instance that grew: one that stays small (most of them, most of the time) costs nothing. */
  private scheduleTrim(): void {
    if (this.opts.trimDir === undefined || this.pid === undefined) return;
    if (this.latestRssBytes - this.smallestRssBytes < TRIM_GROWTH_BYTES) return;
    this.trimTimer = setTimeout(() => this.trim(), IDLE_TRIM_MS);
    this.trimTimer.unref();
  }

  /**
   * Only the instance itself is woken, never what it started, and the request file tells it to
   * collect and stop again at once, before its event loop runs: nothing of the function runs.
   * An event that comes meanwhile thaws it as usual (SIGCONT is repeated until it acknowledges).
   */
  private trim(): void {
    this.trimTimer = undefined;
    if (!this.frozen || this.dead || this.busy || this.opts.trimDir === undefined) return;
    try {
      mkdirSync(this.opts.trimDir, { recursive: true });
      writeFileSync(path.join(this.opts.trimDir, String(this.pid)), '');
    } catch {
      return;
    }
    this.trimAsked = true;
    this.signal('SIGCONT');
  }

  private cancelTrim(): void {
    clearTimeout(this.trimTimer);
    this.trimTimer = undefined;
    // A request the instance may not have taken yet: it would collect on its next thaw, for nothing.
    if (!this.trimAsked || this.opts.trimDir === undefined) return;
    this.trimAsked = false;
    rmSync(path.join(this.opts.trimDir, String(this.pid)), { force: true });
  }
  // --- end idle trim ---

  private signal(signal: NodeJS.Signals): void {
    try {
      this.child.kill(signal);
    } catch {
      // Already exited.
    }
  }

  private onReport(line: string, truncatedBytes: number): void {
    let report: Report;
    try {
      if (truncatedBytes > 0) throw new Error('not a report: too long');
      report = JSON.parse(line) as Report;
    } catch {
      this.opts.onLog(truncateUtf8(line, MAX_LOG_EVENT_BYTES), Date.now());
      return;
    }
    switch (report.type) {
      case 'log':
        this.opts.onLog(report.line.replaceAll('\r', '\n'), report.timestamp);
        return;
      case 'init':
        if (this.tree && !this.dead) this.noteRss(this.tree.measure().rssBytes);
        this.initDurationMs = report.durationMs;
        this.initError = report.error;
        return;
      case 'ack':
        if (this.running?.requestId !== report.requestId) return;
        this.running.startedAt = performance.now();
        for (const timer of this.running.timers) clearTimeout(timer);
        // The function's timeout covers the handler only; init had its own limit.
        this.running.timers = [setTimeout(() => this.timeOut(), this.running.timeoutMs)];
        this.running.onStart(report.timestamp);
        return;
      case 'result': {
        if (this.running?.requestId !== report.requestId) return;
        const now = this.dead || !this.tree ? { pids: [], rssBytes: 0 } : this.tree.measure();
        this.maxRssBytes = Math.max(this.maxRssBytes, report.maxRssBytes, now.rssBytes);
        this.noteRss(now.rssBytes);
        // A peak above the limit between two polls: on AWS the process would not have survived it.
        if (this.maxRssBytes > this.opts.memoryLimitBytes) {
          this.killForMemory();
          return;
        }
        this.frozen = !this.dead;
        // Lambda freezes the whole sandbox: what the handler started waits with it for the next event.
        if (this.frozen) {
          this.stoppedDescendants = now.pids.filter((pid) => pid !== this.pid);
          this.tree?.signalDescendants('SIGSTOP', this.stoppedDescendants);
          this.scheduleTrim();
        }
        this.finish(
          report.ok
            ? { kind: 'result', ok: true, payload: report.payload }
            : { kind: 'result', ok: false, error: report.error },
        );
        return;
      }
    }
  }

  private timeOut(): void {
    if (!this.running) return;
    this.retired = true;
    this.finish({ kind: 'timeout' });
    this.killSync();
  }

  private finish(
    outcome:
      | { kind: 'result'; ok: true; payload: unknown }
      | { kind: 'result'; ok: false; error: RuntimeError }
      | { kind: 'timeout' }
      | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null }
      | { kind: 'oom' },
  ): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    this.busy = false;
    for (const timer of running.timers) clearTimeout(timer);
    const durationMs = running.startedAt === undefined ? 0 : performance.now() - running.startedAt;
    const initDurationMs = this.initReported ? undefined : this.initDurationMs;
    this.initReported = true;
    running.resolve({
      ...outcome,
      durationMs,
      maxRssBytes: this.maxRssBytes,
      ...(initDurationMs === undefined ? {} : { initDurationMs }),
    });
  }
}
