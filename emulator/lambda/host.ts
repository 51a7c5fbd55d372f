/**
 * The Lambda host: runs a stack's functions as Lambda's Node.js and Python runtimes would, one
 * child process per execution environment. See protocol.ts for how it talks to an instance,
 * runtime/bootstrap.ts for the instance's side, and runtimes/ for what differs per runtime.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Credentials, InvocationNotice, InvokeOptions, InvokeOutcome, LogLine } from '../contracts.ts';
import type { FunctionSpec } from '../stack.ts';
import { buildRuntime, type FunctionBuild, prepareFunction } from './build.ts';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, instanceEnvironment } from './environment.ts';
import { collectGarbageSoon } from './idle-gc.ts';
import { Instance, type InstanceOutcome } from './instance.ts';
import { DEFAULT_IDLE_INSTANCE_MS, lambdaNodeFlags } from './limits.ts';
import { functionArn, logGroupName, newLogStreamName, newRequestId } from './names.ts';
import {
  endLine,
  exitReason,
  reportLine,
  startLine,
  timedOutLine,
  timedOutMessage,
} from './platform-lines.ts';
import { FunctionPool, type PoolStats, QueueAbortedError } from './pool.ts';
import type { RuntimeError } from './protocol.ts';
import { prepareRuntimeModules } from './runtime-modules.ts';
import { functionRuntime, launchArgs, planLaunch, type RuntimeLaunch } from './runtimes/launch.ts';
import { layerModulePaths } from './runtimes/layers.ts';
import { pythonBuild } from './runtimes/python-build.ts';
import { SourceWatcher } from './watch.ts';

export interface LambdaHostOptions {
  functions: FunctionSpec[];
  region: string;
  accountId: string;
  /** Given to every function: what the runtime itself needs, never anything app code reads
   * (the endpoint redirect and its CA file, see emulator/endpoints/). */
  sharedEnv?: Record<string, string> | undefined;
  /** `node` options placed before the bootstrap on every instance's command line (the
   * endpoint redirect's `--require` preload). */
  nodeArgs?: string[] | undefined;
  /** Called once per new instance: each execution environment gets its role's credentials. */
  credentialsFor: (fn: FunctionSpec) => Credentials;
  onLog: (line: LogLine) => void;
  /** Where the runtime, the runtime-provided packages and compiled TypeScript go, e.g.
   * `.local/build/<stack>`. JavaScript functions run from their own folders. */
  buildDir: string;
  /** Concurrent instances per function (default 10); further invocations wait their turn. */
  maxInstancesPerFunction?: number | undefined;
  /** Rebuild when a function's source changes; new instances run the new code. */
  watch?: boolean | undefined;
  /** Stands in for the Python runtimes' bundled boto3 (a folder ahead of Debian's on sys.path). */
  pythonSdkDir?: string | undefined;
  /** An instance left idle this long is reclaimed, its memory given back (default 10 minutes). */
  idleInstanceMs?: number | undefined;
  /** The host's own lines for the emulator's console (an idle instance reclaimed, …). */
  onNotice?: ((line: string) => void) | undefined;
  /** Told when each invocation starts and ends (the trace listens). */
  onInvocation?: ((notice: InvocationNotice) => void) | undefined;
}

/** An invocation's failure, with the stack trace the runtime reports beside type and message. */
export type InvokeFailure = Extract<InvokeOutcome, { ok: false }> & { trace: string[] };

const STOP_GRACE_MS = 4_000;

interface HostedFunction {
  spec: FunctionSpec;
  launch: RuntimeLaunch;
  pool: FunctionPool;
  build: FunctionBuild;
  /** The generation instances start with: the latest build that finished. */
  generation: number;
  /** The next build's number, taken when it starts, so overlapping rebuilds never share one. */
  nextGeneration: number;
  watcher?: SourceWatcher | undefined;
}

export class LambdaHost {
  private readonly functions = new Map<string, HostedFunction>();
  private bootstrap = '';
  private runtimeModules = '';
  private reaper: ChildProcess | undefined;
  private started = false;
  /** onInvocation: each instance's access key, and the instances that have run an invocation. */
  private readonly accessKeys = new WeakMap<Instance, string>();
  private readonly warm = new WeakSet<Instance>();
  private readonly killAllSync = () => {
    Instance.killAllSync([...this.functions.values()].flatMap((fn) => fn.pool.all()));
  };

  constructor(private readonly opts: LambdaHostOptions) {}

  /** Bundles the runtime and every function. Build errors do not throw: invocations report them. */
  async start(): Promise<void> {
    if (this.started) throw new Error('LambdaHost.start() was already called; create a new host instead.');
    this.started = true;
    // Runtimes AWS never had fail the start, before anything is built or spawned.
    for (const spec of this.opts.functions) functionRuntime(spec);
    const [{ bootstrap, reaper }, runtimeModules] = await Promise.all([
      buildRuntime(path.join(this.opts.buildDir, 'runtime')),
      prepareRuntimeModules(path.join(this.opts.buildDir, 'var-runtime')),
    ]);
    this.bootstrap = bootstrap;
    this.runtimeModules = runtimeModules;
    this.reaper = startReaper(reaper);
    process.on('exit', this.killAllSync);
    await Promise.all(this.opts.functions.map((spec) => this.addFunction(spec)));
  }

  invoke = async (
    functionName: string,
    event: unknown,
    options: InvokeOptions = {},
  ): Promise<InvokeOutcome> => {
    const requestId = newRequestId();
    const fn = this.functions.get(functionName);
    if (!fn) {
      const arn = functionArn(this.opts.region, this.opts.accountId, functionName);
      return failure(requestId, {
        errorType: 'ResourceNotFoundException',
        errorMessage: `Function not found: ${arn}`,
        trace: [],
      });
    }
    if (!fn.build.ok) return this.reportBuildError(fn, requestId);
    let instance: Instance;
    try {
      instance = await fn.pool.acquire({ key: options.queueKey, signal: options.signal });
    } catch (err) {
      if (err instanceof QueueAbortedError) {
        // Never started, so nothing ran and nothing is logged, as on AWS.
        return failure(requestId, {
          errorType: 'Gateway.IntegrationTimeout',
          errorMessage: err.message,
          trace: [],
        });
      }
      return failure(requestId, {
        errorType: 'ServiceException',
        errorMessage: (err as Error).message,
        trace: [],
      });
    }
    const timeoutSeconds = fn.spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    const log = (message: string, timestamp?: number) =>
      this.log(fn.spec.name, instance.logStream, message, timestamp);
    const notice = {
      requestId,
      functionName: fn.spec.name,
      instance: instance.logStream,
      accessKeyId: this.accessKeys.get(instance) ?? '',
    };
    this.notify({ ...notice, at: Date.now(), phase: 'start', event, cold: !this.warm.has(instance) });
    this.warm.add(instance);
    const outcome = await instance.invoke(
      {
        type: 'invoke',
        requestId,
        event,
        timeoutMs: timeoutSeconds * 1000,
        invokedFunctionArn: functionArn(this.opts.region, this.opts.accountId, fn.spec.name),
      },
      (startedAt) => log(startLine(requestId), startedAt),
    );
    const result = this.conclude(fn, requestId, outcome, log);
    const durationMs = outcome.kind === 'timeout' ? timeoutSeconds * 1000 : outcome.durationMs;
    this.notify({
      ...notice,
      at: Date.now(),
      phase: 'end',
      outcome: result,
      durationMs,
      billedDurationMs: Math.max(1, Math.ceil(durationMs)),
      memoryMB: fn.spec.memoryMB ?? DEFAULT_MEMORY_MB,
      maxMemoryUsedMB: Math.ceil(outcome.maxRssBytes / (1024 * 1024)),
      ...(outcome.initDurationMs === undefined ? {} : { initDurationMs: outcome.initDurationMs }),
    });
    fn.pool.release(instance);
    return result;
  };

  /** An observer's failure must not fail the invocation. */
  private notify(notice: InvocationNotice): void {
    try {
      this.opts.onInvocation?.(notice);
    } catch {
      /* ignored on purpose */
    }
  }

  stats(functionName?: string): PoolStats {
    const pools = functionName
      ? [this.functions.get(functionName)?.pool]
      : [...this.functions.values()].map((f) => f.pool);
    const total: PoolStats = { instances: 0, idle: 0, busy: 0, frozen: 0 };
    for (const pool of pools) {
      if (!pool) continue;
      const s = pool.stats();
      total.instances += s.instances;
      total.idle += s.idle;
      total.busy += s.busy;
      total.frozen += s.frozen;
    }
    return total;
  }

  /** Kills every instance (frozen ones included) and stops watching; resolves within 5 s. */
  async stop(): Promise<void> {
    const kills: Promise<void>[] = [];
    const instances: Instance[] = [];
    for (const fn of this.functions.values()) {
      fn.watcher?.close();
      fn.pool.stop();
      instances.push(...fn.pool.all());
    }
    Instance.killAllSync(instances);
    for (const instance of instances) kills.push(instance.kill());
    await Promise.race([Promise.all(kills), new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref())]);
    const reaper = this.reaper;
    this.reaper = undefined;
    if (reaper && reaper.exitCode === null && reaper.signalCode === null) {
      // Wait for it to go: the caller may delete the build folder next, and a reaper still
      // starting would then fail to load its own script.
      const gone = new Promise((r) => reaper.once('exit', r));
      reaper.stdin?.end();
      await Promise.race([gone, new Promise((r) => setTimeout(r, 1_000).unref())]);
    }
    process.removeListener('exit', this.killAllSync);
  }

  private async addFunction(spec: FunctionSpec): Promise<void> {
    if (this.functions.has(spec.name))
      throw new Error(`Two functions are named "${spec.name}"; names must be unique.`);
    const hosted: HostedFunction = {
      spec,
      launch: planLaunch(spec, {
        nodeBootstrap: this.bootstrap,
        sharedEnv: this.opts.sharedEnv,
        pythonSdkDir: this.opts.pythonSdkDir,
      }),
      generation: 0,
      nextGeneration: 1,
      build: {
        ok: false,
        error: { errorType: 'Runtime.Unknown', errorMessage: 'not built yet', trace: [] },
        inputs: [],
      },
      pool: new FunctionPool(
        this.opts.maxInstancesPerFunction ?? 10,
        (generation) => this.spawnInstance(hosted, generation),
        {
          ms: this.opts.idleInstanceMs ?? DEFAULT_IDLE_INSTANCE_MS,
          onReclaim: (i) => this.reclaimed(hosted, i),
        },
      ),
    };
    this.functions.set(spec.name, hosted);
    hosted.build = await this.buildCode(hosted, 0);
    if (this.opts.watch) {
      hosted.watcher = new SourceWatcher(() => void this.rebuild(hosted));
      hosted.watcher.watch(hosted.build.inputs);
    }
  }

  /** Each generation gets its own directory, so instances still starting keep a whole bundle. */
  private buildOutDir(spec: FunctionSpec, generation: number): string {
    return path.join(this.opts.buildDir, 'functions', spec.name, String(generation));
  }

  /** TypeScript is bundled, JavaScript and Python run from their own folder, as deployed. */
  private buildCode(fn: HostedFunction, generation: number): Promise<FunctionBuild> {
    if (fn.launch.language === 'python') return Promise.resolve(pythonBuild(fn.spec.entry));
    return prepareFunction(fn.spec, this.buildOutDir(fn.spec, generation), this.layerPaths(fn));
  }

  private layerPaths(fn: HostedFunction): string[] {
    return layerModulePaths(fn.spec.layers ?? [], fn.launch.runtime);
  }

  private async rebuild(fn: HostedFunction): Promise<void> {
    const generation = fn.nextGeneration++;
    const build = await this.buildCode(fn, generation);
    if (generation <= fn.generation) return; // a later rebuild finished first
    fn.generation = generation;
    fn.build = build;
    fn.watcher?.watch(build.inputs);
    fn.pool.newGeneration(generation);
  }

  private spawnInstance(fn: HostedFunction, generation: number): Instance {
    if (!fn.build.ok) throw new Error('Lambda host bug: spawning an instance of code that failed to build');
    const logStream = newLogStreamName();
    const credentials = this.opts.credentialsFor(fn.spec);
    const instance = new Instance({
      command: fn.launch.command,
      // Lambda's heap sizing, then the emulator's preloads (the endpoint redirect), then the bootstrap.
      args: launchArgs(fn.launch, [
        ...lambdaNodeFlags(fn.spec.memoryMB ?? DEFAULT_MEMORY_MB),
        ...(this.opts.nodeArgs ?? []),
      ]),
      taskRoot: fn.build.taskRoot,
      generation,
      logStream,
      memoryLimitBytes: (fn.spec.memoryMB ?? DEFAULT_MEMORY_MB) * 1024 * 1024,
      env: {
        ...instanceEnvironment({
          fn: fn.spec,
          region: this.opts.region,
          credentials,
          sharedEnv: this.opts.sharedEnv ?? {},
          logGroup: logGroupName(fn.spec.name),
          logStream,
          taskRoot: fn.build.taskRoot,
          handlerModule: fn.build.handlerModule,
          runtimeModules: this.runtimeModules,
          layerModulePaths: this.layerPaths(fn),
        }),
        ...fn.launch.env,
      },
      // Beside the bootstrap, where it looks when woken to give its heap back (runtime/heap-trim.ts).
      trimDir: fn.launch.language === 'nodejs' ? path.join(path.dirname(this.bootstrap), 'trim') : undefined,
      onLog: (message, timestamp) => this.log(fn.spec.name, logStream, message, timestamp),
      onExit: (exited) => {
        if (exited.pid) this.reaper?.stdin?.write(`-${exited.pid}\n`);
        fn.pool.onExit(exited);
      },
    });
    if (instance.pid) this.reaper?.stdin?.write(`+${instance.pid} ${logStream}\n`);
    this.accessKeys.set(instance, credentials.accessKeyId);
    return instance;
  }

  private reclaimed(fn: HostedFunction, instance: Instance): void {
    const minutes = ((this.opts.idleInstanceMs ?? DEFAULT_IDLE_INSTANCE_MS) / 60_000).toFixed(1);
    this.opts.onNotice?.(
      `lambda: ${fn.spec.name} instance ${instance.logStream} reclaimed after ${minutes} min idle / ${minutes}분 동안 쉬던 인스턴스를 회수했습니다`,
    );
    // Nothing runs any more: the emulator gives back what the busy time left in its heap.
    if (this.stats().instances === 0) collectGarbageSoon(() => this.stats().instances === 0);
  }

  /** Turns what the instance did into the caller's outcome and Lambda's END/REPORT lines. */
  private conclude(
    fn: HostedFunction,
    requestId: string,
    outcome: InstanceOutcome,
    log: (m: string) => void,
  ): InvokeOutcome {
    const timeoutSeconds = fn.spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    let result: InvokeOutcome;
    let status: 'timeout' | 'error' | undefined;
    let errorType: string | undefined;
    const memoryMB = fn.spec.memoryMB ?? DEFAULT_MEMORY_MB;
    let maxMemoryUsedMB = Math.ceil(outcome.maxRssBytes / (1024 * 1024));
    if (outcome.kind === 'result') {
      result = outcome.ok
        ? { requestId, ok: true, payload: outcome.payload }
        : failure(requestId, outcome.error);
    } else if (outcome.kind === 'timeout') {
      status = 'timeout';
      log(timedOutLine(requestId, timeoutSeconds));
      result = failure(requestId, {
        errorType: 'Sandbox.Timedout',
        errorMessage: timedOutMessage(requestId, timeoutSeconds),
        trace: [],
      });
    } else if (outcome.kind === 'oom') {
      // As Lambda reports a sandbox killed at its memory limit; the sandbox never holds more than
      // its MemorySize, so neither does the REPORT (the poll may have seen a little beyond it).
      status = 'error';
      errorType = 'Runtime.OutOfMemory';
      maxMemoryUsedMB = Math.min(maxMemoryUsedMB, memoryMB);
      const message = `RequestId: ${requestId} Error: ${exitReason(null, 'SIGKILL')}`;
      log(`${message}\n${errorType}`);
      result = failure(requestId, { errorType, errorMessage: message, trace: [] });
    } else {
      status = 'error';
      errorType = 'Runtime.ExitError';
      const message = `RequestId: ${requestId} Error: ${exitReason(outcome.code, outcome.signal)}`;
      log(`${message}\n${errorType}`);
      result = failure(requestId, { errorType, errorMessage: message, trace: [] });
    }
    log(endLine(requestId));
    log(
      reportLine({
        requestId,
        durationMs: outcome.kind === 'timeout' ? timeoutSeconds * 1000 : outcome.durationMs,
        memoryMB,
        maxMemoryUsedMB,
        ...(outcome.initDurationMs === undefined ? {} : { initDurationMs: outcome.initDurationMs }),
        ...(status ? { status } : {}),
        ...(errorType ? { errorType } : {}),
      }),
    );
    return result;
  }

  /** Code that never built: every invocation fails with the build's error, in its own stream. */
  private reportBuildError(fn: HostedFunction, requestId: string): InvokeOutcome {
    if (fn.build.ok) throw new Error('Lambda host bug: reportBuildError on a good build');
    const error = fn.build.error;
    const stream = newLogStreamName();
    const log = (message: string) => this.log(fn.spec.name, stream, message);
    const { trace, ...rest } = error;
    log(
      `${new Date().toISOString()}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify({ ...rest, stack: trace })}`,
    );
    log(startLine(requestId));
    log(endLine(requestId));
    log(
      reportLine({
        requestId,
        durationMs: 0,
        memoryMB: fn.spec.memoryMB ?? DEFAULT_MEMORY_MB,
        maxMemoryUsedMB: 0,
        status: 'error',
      }),
    );
    return failure(requestId, error);
  }

  private log(functionName: string, logStream: string, message: string, timestamp = Date.now()): void {
    this.opts.onLog({ functionName, logGroup: logGroupName(functionName), logStream, timestamp, message });
  }
}

function failure(requestId: string, error: RuntimeError): InvokeFailure {
  return {
    requestId,
    ok: false,
    errorType: error.errorType,
    errorMessage: error.errorMessage,
    trace: error.trace,
  };
}

/** See runtime/reaper.ts. Unreferenced: it must never keep the host's process alive. */
function startReaper(script: string): ChildProcess {
  const reaper = spawn(process.execPath, [script], { stdio: ['pipe', 'ignore', 'inherit'] });
  reaper.on('error', () => {});
  reaper.stdin?.on('error', () => {});
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return reaper;
}
