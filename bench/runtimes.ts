/**
 * The runtimes under test and how each one is started: a child process that prints one
 * `READY {json}` line (the same contract as `npm start`), stopped with SIGTERM and, if anything of
 * its tree is still there after 5 s, SIGKILL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { isAlive } from '../emulator/processes.ts';
import { npmNodeArgs } from '../scripts/npm-scripts.ts';
import { processTree, signalTree } from './process-tree.ts';

export const RUNTIME_NAMES = ['emulator', 'emulator-dynalite', 'serverless-offline', 'raw-ws'] as const;
export type RuntimeName = (typeof RUNTIME_NAMES)[number];

export interface RuntimeSpec {
  name: RuntimeName;
  describe: string;
  /** Arguments after `node`. */
  args: (ctx: { rawServerFile: string; idleInstanceMs: number }) => string[];
  /** Its Lambda instances are reclaimed after `idleInstanceMs` (the `reclaim` step applies). */
  reclaims: boolean;
  env: NodeJS.ProcessEnv;
}

/** `npm start` for both emulator runtimes; only the engine (env) differs. */
const emulatorArgs: RuntimeSpec['args'] = ({ idleInstanceMs }) => [
  ...npmNodeArgs('scripts/start.ts'),
  '--no-watch',
  '--idle-instance-ms',
  String(idleInstanceMs),
];

export const RUNTIMES: Record<RuntimeName, RuntimeSpec> = {
  emulator: {
    name: 'emulator',
    describe: 'npm start -- --no-watch (emulator on DynamoDB Local)',
    // No watch: a source file saved during a run would reload the function and bill cold starts
    // to whatever scenario is running (serverless-offline does not reload either).
    args: emulatorArgs,
    reclaims: true,
    env: { DYNAMODB_ENGINE: 'local' },
  },
  'emulator-dynalite': {
    name: 'emulator-dynalite',
    describe: 'npm start -- --no-watch with DYNAMODB_ENGINE=dynalite',
    args: emulatorArgs,
    reclaims: true,
    env: { DYNAMODB_ENGINE: 'dynalite' },
  },
  'serverless-offline': {
    name: 'serverless-offline',
    describe: 'npm run offline (osls + serverless-offline + DynamoDB Local)',
    args: () => npmNodeArgs('scripts/offline.ts'),
    reclaims: false,
    env: {},
  },
  'raw-ws': {
    name: 'raw-ws',
    describe: 'plain ws server (the floor: no Lambda, no DynamoDB)',
    args: ({ rawServerFile }) => [rawServerFile],
    reclaims: false,
    env: {},
  },
};

export interface Ready {
  ws?: string;
  management?: string;
  dynamodb?: string;
  web?: string;
}

export interface RunningRuntime {
  name: RuntimeName;
  pid: number;
  ready: Ready;
  /** Spawn to READY line. */
  readyMs: number;
  output(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 5_000;

export function startRuntime(
  spec: RuntimeSpec,
  cwd: string,
  rawServerFile: string,
  idleInstanceMs: number,
): Promise<RunningRuntime> {
  const started = performance.now();
  const child = spawn(process.execPath, spec.args({ rawServerFile, idleInstanceMs }), {
    cwd,
    env: {
      ...process.env,
      WS_PORT: '0',
      DYNAMODB_PORT: '0',
      WEB_PORT: '0',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...spec.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    // Only the tail matters for error messages; a chatty runtime must not grow the driver's heap.
    out = (out + chunk.toString('utf8')).slice(-20_000);
  };
  child.stderr?.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(
        new Error(`${spec.name}: no READY line within ${READY_TIMEOUT_MS / 1000} s; last output:\n${out}`),
      );
    }, READY_TIMEOUT_MS);
    let pending = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      const line = lines.find((l) => l.startsWith('READY '));
      if (!line) return;
      const readyMs = performance.now() - started;
      clearTimeout(timer);
      let ready: Ready;
      try {
        ready = JSON.parse(line.slice('READY '.length)) as Ready;
      } catch {
        void stopChild(child);
        reject(new Error(`${spec.name}: READY line is not JSON: ${line}`));
        return;
      }
      resolve({
        name: spec.name,
        pid: child.pid as number,
        ready,
        readyMs,
        output: () => out,
        stop: () => stopChild(child),
      });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${spec.name}: exited (${signal ?? code}) before READY; last output:\n${out}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${spec.name}: could not start: ${error.message}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  // Children are re-parented once their parent exits, so the tree is listed before anything dies.
  const tree = processTree(pid);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, STOP_GRACE_MS))]);
  for (const leftover of tree.filter(isAlive)) signalTree(leftover, 'SIGKILL');
}
