/**
 * One execution environment: a child process running the runtime bootstrap with one function's
 * bundle loaded. Runs one invocation at a time; between invocations it is frozen (stopped by
 * SIGSTOP, which it sends itself right after reporting a result) and thawed here with SIGCONT.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import type { InvokeMessage, Report, RuntimeError } from './protocol.ts';

/** Longest an instance may take to load its module before its first invocation fails. */
const INIT_LIMIT_MS = 10_000;
/** How often SIGCONT is repeated until the instance acknowledges the event (see thaw()). */
const THAW_RETRY_MS = 20;

export interface InstanceOptions {
  bootstrap: string;
  /** `node` options before the bootstrap (preloads). */
  nodeArgs?: string[];
  taskRoot: string;
  env: Record<string, string>;
  logStream: string;
  generation: number;
  /** A line the instance wrote (console, stdout or stderr), for `/aws/lambda/<fn>`. */
  onLog: (message: string, timestamp: number) => void;
  onExit: (instance: Instance) => void;
}

export type InstanceOutcome = (
  | { kind: 'result'; ok: true; payload: unknown }
  | { kind: 'result'; ok: false; error: RuntimeError }
  | { kind: 'timeout' }
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null }
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

  constructor(private readonly opts: InstanceOptions) {
    this.logStream = opts.logStream;
    this.generation = opts.generation;
    this.child = spawn(process.execPath, ['--enable-source-maps', ...(opts.nodeArgs ?? []), opts.bootstrap], {
      cwd: opts.taskRoot,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.pid = this.child.pid;
    const [, stdout, stderr, reports] = this.child.stdio as unknown as [null, Readable, Readable, Readable];
    readLines(stdout, (line) => opts.onLog(line, Date.now()));
    readLines(stderr, (line) => opts.onLog(line, Date.now()));
    readLines(reports, (line) => this.onReport(line));
    // An IPC error here means the instance is already gone; 'close' reports it.
    this.child.on('error', () => {});
    this.closed = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.dead = true;
        this.frozen = false;
        this.finish({ kind: 'exit', code, signal });
        opts.onExit(this);
        resolve();
      });
    });
  }

  /** Runs one event; resolves when the handler completed, timed out, or the process ended. */
  invoke(message: InvokeMessage, onStart: (timestamp: number) => void): Promise<InstanceOutcome> {
    if (this.busy || this.dead) throw new Error('Lambda host bug: invoke() on a busy or dead instance');
    this.busy = true;
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

  /** SIGKILL; resolves once the process is gone. Works on frozen instances too. */
  kill(): Promise<void> {
    if (!this.dead) this.signal('SIGKILL');
    return this.closed;
  }

  /** For a process 'exit' handler, where nothing asynchronous runs any more. */
  killSync(): void {
    if (!this.dead) this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      this.child.kill(signal);
    } catch {
      // Already exited.
    }
  }

  private onReport(line: string): void {
    let report: Report;
    try {
      report = JSON.parse(line) as Report;
    } catch {
      this.opts.onLog(line, Date.now());
      return;
    }
    switch (report.type) {
      case 'log':
        this.opts.onLog(report.line.replaceAll('\r', '\n'), report.timestamp);
        return;
      case 'init':
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
      case 'result':
        if (this.running?.requestId !== report.requestId) return;
        this.maxRssBytes = Math.max(this.maxRssBytes, report.maxRssBytes);
        this.frozen = !this.dead;
        this.finish(
          report.ok
            ? { kind: 'result', ok: true, payload: report.payload }
            : { kind: 'result', ok: false, error: report.error },
        );
        return;
    }
  }

  private timeOut(): void {
    if (!this.running) return;
    this.retired = true;
    this.finish({ kind: 'timeout' });
    this.signal('SIGKILL');
  }

  private finish(
    outcome:
      | { kind: 'result'; ok: true; payload: unknown }
      | { kind: 'result'; ok: false; error: RuntimeError }
      | { kind: 'timeout' }
      | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null },
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

function readLines(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => {
    if (pending) onLine(pending);
    pending = '';
  });
}
