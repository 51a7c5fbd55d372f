/** Child processes for tests: the commands users run, started the way users start them. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { npmNodeArgs } from '../../scripts/npm-scripts.ts';

export const REPO = resolve(import.meta.dirname, '../..');

// A test that fails before its own kill() must not leave an emulator (and its JVM) running after
// the worker: whatever is still alive when the worker exits goes with it. SIGTERM lets the
// script stop its JVM; the JVM's own guard covers the rest.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGTERM');
});

export interface Started {
  child: ChildProcess;
  ready: Record<string, string>;
  output: () => string;
}

/**
 * Runs `script` the way its npm script in package.json does (`npm start` runs the built emulator,
 * `npm run offline` runs through tsx) and waits for its READY line.
 */
export function startScript(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 90_000,
): Promise<Started> {
  return startCommand([...npmNodeArgs(script), ...args], { env, timeoutMs });
}

/** Runs `node <args>` from `cwd` (the repository unless said) and waits for its READY line. */
export function startCommand(
  nodeArgs: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Started> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const child = spawn(process.execPath, nodeArgs, {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, WS_PORT: '0', DYNAMODB_PORT: '0', WEB_PORT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`no READY line within ${timeoutMs} ms; output:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('READY '));
      if (line) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (c: Buffer) => {
          out += c.toString('utf8');
        });
        ok({ child, ready: JSON.parse(line.slice(6)), output: () => out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited with ${code} before READY; output:\n${out}`));
    });
  });
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`still running after ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok(code);
    });
  });
}

/** Command lines of the live processes that mention `needle` (from ps, so no process is missed). */
export function processesMatching(needle: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,stat,args'], { encoding: 'utf8' });
  return (
    ps
      .split('\n')
      .filter((line) => line.includes(needle) && !line.includes('ps -eo'))
      // Zombies are already dead; they only wait for their parent to read them.
      .filter((line) => !/^\s*\d+\s+Z/.test(line))
  );
}

/** Pids of the live processes below `pid` (children, grandchildren…) whose command line mentions `needle`. */
export function descendantsMatching(pid: number, needle: string): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({
      pid: Number(m[1]),
      ppid: Number(m[2]),
      zombie: (m[3] ?? '').startsWith('Z'),
      args: m[4] ?? '',
    }));
  const below = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (!below.has(row.pid) && below.has(row.ppid)) {
        below.add(row.pid);
        grew = true;
      }
    }
  }
  return rows
    .filter((r) => r.pid !== pid && below.has(r.pid) && !r.zombie && r.args.includes(needle))
    .map((r) => r.pid);
}

/** Which of `pids` still run (zombies count as gone: they only wait for their parent to read them). */
export function stillRunning(pids: number[]): number[] {
  if (pids.length === 0) return [];
  const ps = execFileSync('ps', ['-eo', 'pid=,stat='], { encoding: 'utf8' });
  const live = new Set(
    ps
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter(([, stat]) => stat !== undefined && !stat.startsWith('Z'))
      .map(([p]) => Number(p)),
  );
  return pids.filter((p) => live.has(p));
}
