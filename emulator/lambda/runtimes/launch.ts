/**
 * How one function's instances start, by its runtime: which executable, which bootstrap, and the
 * environment the runtime adds (AWS_EXECUTION_ENV, the layers on the module paths). Plus the
 * lines people should read at start: a deprecated runtime, a missing Node binary, another
 * Python minor. The host (host.ts / instance.ts) only spawns what this returns.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FunctionSpec } from '../../stack.ts';
import { layerModulePaths } from './layers.ts';
import { DEFAULT_RUNTIME, lifecycleWarning, runtimeInfo } from './lifecycle.ts';
import { nodeExecutable } from './node-binaries.ts';
import { pythonModule } from './python-build.ts';
import type { RuntimeInfo } from './table.ts';

/** Debian's interpreter, called by path: the `python3` first on PATH may be a pyenv one. */
export const DEBIAN_PYTHON = '/usr/bin/python3';
export const PYTHON_BOOTSTRAP = path.join(import.meta.dirname, 'python', 'bootstrap.py');
/** The Node majors ./node/ installs from npm, and its installer. */
const SHIPPED_NODE_MAJORS = [22, 24];
const INSTALLER = path.join(import.meta.dirname, 'node', 'install.mjs');
/** The endpoints helper's in-instance redirect (sitecustomize.py), when it is there. */
const ENDPOINTS_PYTHON = path.join(import.meta.dirname, '..', '..', 'endpoints', 'python');

export interface RuntimeLaunch {
  runtime: RuntimeInfo;
  language: 'nodejs' | 'python';
  command: string;
  args: string[];
  /** Added to the instance's environment after the function's own variables. */
  env: Record<string, string>;
  /** Lines for people at start; empty when there is nothing to say. */
  notes: string[];
}

export interface LaunchOptions {
  /** The Node bootstrap (built by the host). */
  nodeBootstrap: string;
  /** The variables every instance gets (endpoints, CA), to derive Python's equivalents from. */
  sharedEnv?: Record<string, string> | undefined;
  /** Stands in for the Python runtime's bundled boto3/botocore, ahead of Debian's. */
  pythonSdkDir?: string | undefined;
  /** For tests: the date the lifecycle is judged on. */
  today?: string | undefined;
}

/** The runtime's facts only (no files looked at): throws for runtimes AWS never had. */
export function functionRuntime(fn: FunctionSpec): RuntimeInfo {
  return runtimeInfo(fn.runtime ?? DEFAULT_RUNTIME, fn.name);
}

export function planLaunch(fn: FunctionSpec, opts: LaunchOptions): RuntimeLaunch {
  const runtime = functionRuntime(fn);
  const notes: string[] = [];
  const lifecycle = lifecycleWarning(fn.name, runtime, opts.today);
  if (lifecycle) notes.push(lifecycle);
  const layers = layerModulePaths(fn.layers ?? [], runtime);
  const executionEnv = { AWS_EXECUTION_ENV: `AWS_Lambda_${runtime.id}` };
  if (runtime.family === 'python') {
    const python = pythonInstall();
    if (!python.ok) throw new Error(`function ${fn.name} (${runtime.id}): ${python.problem}`);
    if (python.version !== runtime.version) {
      notes.push(
        `⚠ ${fn.name}: ${runtime.id} runs here on Debian's Python ${python.version} (${DEBIAN_PYTHON}) / ${runtime.id} 함수가 이 컴퓨터의 Python(${python.version})에서 실행됩니다.`,
      );
    }
    const pythonPath = [
      ...(existsSync(ENDPOINTS_PYTHON) ? [ENDPOINTS_PYTHON] : []),
      ...layers,
      ...(opts.pythonSdkDir ? [opts.pythonSdkDir] : []),
    ];
    const ca = opts.sharedEnv?.AWS_CA_BUNDLE ?? opts.sharedEnv?.NODE_EXTRA_CA_CERTS;
    return {
      runtime,
      language: 'python',
      command: DEBIAN_PYTHON,
      // -s: no user site-packages, -B: no __pycache__ written into the function's folder.
      args: ['-s', '-B', PYTHON_BOOTSTRAP],
      env: {
        ...executionEnv,
        // The module is the .py file, imported from the task root (python-build.ts).
        _HANDLER: `${pythonModule(fn.entry).module}.${fn.handler ?? 'handler'}`,
        ...(pythonPath.length > 0 ? { PYTHONPATH: pythonPath.join(path.delimiter) } : {}),
        ...(ca ? { AWS_CA_BUNDLE: ca } : {}),
        PYTHONIOENCODING: 'utf-8',
      },
      notes,
    };
  }
  const major = Number.parseInt(runtime.version, 10);
  let command = nodeExecutable(major);
  if (!command) {
    command = process.execPath;
    const why = SHIPPED_NODE_MAJORS.includes(major)
      ? `not installed here (install it with: node ${path.relative(process.cwd(), INSTALLER) || INSTALLER})`
      : `not installed here (the workbench brings Node ${SHIPPED_NODE_MAJORS.join(' and ')})`;
    notes.push(
      `⚠ ${fn.name}: ${runtime.id} names Node ${major}, ${why}, so it runs on this machine's Node ${process.version} / Node ${major} 바이너리가 없어 이 컴퓨터의 Node(${process.version})에서 실행합니다.`,
    );
  }
  return {
    runtime,
    language: 'nodejs',
    command,
    args: ['--enable-source-maps', ...nodeFlags(major), opts.nodeBootstrap],
    // The layers reach NODE_PATH through environment.ts, ahead of the runtime's own packages.
    env: executionEnv,
    notes,
  };
}

/**
 * The command line of one instance: for Node, `flags` (heap sizing, preloads) go before the
 * bootstrap, which is always the last argument; a Python instance takes none of them.
 */
export function launchArgs(launch: RuntimeLaunch, flags: string[]): string[] {
  if (launch.language !== 'nodejs') return launch.args;
  return [...launch.args.slice(0, -1), ...flags, ...launch.args.slice(-1)];
}

/**
 * Lambda turns off Node's experimental module features on nodejs20.x and nodejs22.x
 * (lambda-nodejs.html, "experimental features Lambda disables"): require() of ES modules, and
 * detecting ES syntax in ambiguous .js files. Older runtimes never had them.
 */
function nodeFlags(major: number): string[] {
  return major <= 22 ? ['--no-experimental-require-module', '--no-experimental-detect-module'] : [];
}

export type PythonInstall = { ok: true; version: string } | { ok: false; problem: string };
let python: PythonInstall | undefined;

/** Debian's python3 and its boto3, looked at once per process. */
export function pythonInstall(): PythonInstall {
  if (python) return python;
  const probe = spawnSync(
    DEBIAN_PYTHON,
    ['-s', '-c', 'import sys; print("%d.%d" % sys.version_info[:2]); import boto3'],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
  );
  const version = probe.stdout?.trim().split('\n')[0] ?? '';
  if (probe.error || !version) {
    python = {
      ok: false,
      problem: `Python runtimes run on Debian's ${DEBIAN_PYTHON}, which is missing. Install it with: apt-get install python3 python3-boto3 / Python 런타임에는 ${DEBIAN_PYTHON}가 필요합니다.`,
    };
  } else if (probe.status !== 0) {
    python = {
      ok: false,
      problem: `the Python runtime's SDK (boto3) is missing from ${DEBIAN_PYTHON}. Install it with: apt-get install python3-boto3 / boto3가 없습니다: apt-get install python3-boto3`,
    };
  } else {
    python = { ok: true, version };
  }
  return python;
}
