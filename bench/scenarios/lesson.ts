/**
 * The `lesson` row: the wall time of `npm run lesson:4 -- --solution`, what a learner waits for
 * when checking lesson 4 (the lesson runner starts its own emulator, deploys, checks, stops).
 * It has no peer on the other runtimes, so no ratio; it is tracked from run to run.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Measurement } from './types.ts';

export const LESSON_COMMAND: readonly string[] = ['npm', 'run', 'lesson:4', '--', '--solution'];

/** Runs `command` in `cwd` to its end; a non-zero exit is a failed sample with the output's tail. */
export function timeLesson(cwd: string, command: readonly string[] = LESSON_COMMAND): Promise<Measurement> {
  const [file, ...args] = command as [string, ...string[]];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd,
      // Other work may hold the default ports; the runner's emulator picks free ones.
      env: { ...process.env, WS_PORT: '0', DYNAMODB_PORT: '0', WEB_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-2000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const done = (ok: boolean, why: string) => {
      const ms = performance.now() - started;
      resolve({
        scenario: 'lesson',
        clients: 1,
        latenciesMs: ok ? [ms] : [],
        failures: ok ? 0 : 1,
        note: ok ? command.join(' ') : `${command.join(' ')}: ${why}`,
      });
    };
    child.once('error', (error) => done(false, error.message));
    child.once('exit', (code, signal) => {
      if (code === 0) done(true, '');
      else {
        const last = tail.trim().split('\n').slice(-1)[0] ?? '';
        done(false, `exited ${signal ?? code}: ${last}`);
      }
    });
  });
}
