/** `npm run logs`, run the way the npm script runs it, reading what a LogStore wrote. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogStore } from '../../../emulator/logs/store.ts';
import { REPO } from '../../support/processes.ts';

const root = mkdtempSync(join(tmpdir(), 'logs-script-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

function start(args: string[]): { child: ChildProcess; out: () => string; err: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/logs.ts', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  return { child, out: () => out, err: () => err };
}

async function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const p = start(args);
  const code = await new Promise<number | null>((ok) => p.child.once('exit', ok));
  return { code, out: p.out(), err: p.err() };
}

const T0 = Date.parse('2024-05-01T10:00:00.000Z');

async function writeSample(dir: string): Promise<void> {
  const store = new LogStore({ dir });
  const put = (fn: string, timestamp: number, message: string) =>
    store.put({
      functionName: fn,
      logGroup: `/aws/lambda/${fn}`,
      logStream: '2024/05/01/[$LATEST]abcdef',
      timestamp,
      message,
    });
  put('chosung-quiz', T0, 'START RequestId: r1 Version: $LATEST');
  put('chosung-quiz', T0 + 5, 'REPORT RequestId: r1\tDuration: 1.00 ms\t');
  put('other-fn', T0 + 1, 'hello from other');
  put('chosung-quiz', T0 + 6, '2024-05-01T10:00:00.006Z\t8a5e0c2f-1111-2222-3333-444455556666\tINFO\t가나다');
  await store.close();
}

describe('npm run logs', () => {
  it('says what to do when there are no logs yet', async () => {
    const r = await run(['--dir', join(root, 'empty')]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain('No log groups in');
    expect(r.err).toContain('Start the emulator (npm start)');
    expect(r.err).toContain('logs:CreateLogGroup');
  });

  it('prints stored lines with time, function and instance, in time order, filtered by function and since', async () => {
    const dir = join(root, 'sample');
    await writeSample(dir);
    const all = await run(['--dir', dir]);
    expect(all.code).toBe(0);
    expect(all.out.trim().split('\n')).toEqual([
      '10:00:00.000 chosung-quiz abcdef START RequestId: r1 Version: $LATEST',
      '10:00:00.001 other-fn abcdef hello from other',
      '10:00:00.005 chosung-quiz abcdef REPORT RequestId: r1  Duration: 1.00 ms',
      '10:00:00.006 chosung-quiz abcdef INFO  8a5e0c2f 가나다',
    ]);
    const one = await run(['--dir', dir, '--function', 'other-fn']);
    expect(one.out.trim()).toBe('10:00:00.001 abcdef hello from other');
    const later = await run(['--dir', dir, '--since', '2024-05-01T10:00:00.002Z']);
    expect(later.out.trim().split('\n')).toHaveLength(2);
    const recent = await run(['--dir', dir, '--since', '10m']);
    expect(recent.out).toBe('');
    expect(recent.err).toContain('No events in every log group since 10m yet');
  });

  it('fits every line in 100 columns, wrapping long messages under themselves', async () => {
    const dir = join(root, 'long');
    const store = new LogStore({ dir });
    const long = `${'초성퀴즈 '.repeat(30)}${'x'.repeat(150)}`;
    store.put({
      functionName: 'quiz',
      logGroup: '/aws/lambda/quiz',
      logStream: 's123456',
      timestamp: T0,
      message: long,
    });
    await store.close();
    const r = await run(['--dir', dir]);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    const columns = (text: string) => [...text].reduce((n, ch) => n + (/[가-힣]/.test(ch) ? 2 : 1), 0);
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(100);
    expect(lines.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    expect(lines.join('').replace(/\s+/g, '')).toContain('x'.repeat(100));
  });

  it('lists the log groups that exist when --function names none of them', async () => {
    const dir = join(root, 'sample');
    const r = await run(['--dir', dir, '--function', 'chosung_quiz']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('No log group /aws/lambda/chosung_quiz');
    expect(r.err).toContain('--function chosung-quiz');
    expect(r.err).toContain('--function other-fn');
  });

  it('refuses a --since it cannot read, saying what it accepts', async () => {
    const r = await run(['--dir', root, '--since', 'yesterday-ish']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('neither a duration (30s, 10m, 2h, 1d) nor a date');
  });

  it('follows new lines as the emulator writes them', async () => {
    const dir = join(root, 'follow');
    const store = new LogStore({ dir });
    const put = (message: string) =>
      store.put({
        functionName: 'chosung-quiz',
        logGroup: '/aws/lambda/chosung-quiz',
        logStream: 's',
        timestamp: Date.now(),
        message,
      });
    put('before following');
    const p = start(['--dir', dir, '--follow', '--function', 'chosung-quiz']);
    await expect
      .poll(() => p.out().includes('before following') && p.err().includes('following; Ctrl-C to stop'), {
        timeout: 20_000,
        message: 'the existing line',
      })
      .toBe(true);
    put('after following');
    await expect
      .poll(() => p.out(), { timeout: 20_000, message: 'the new line' })
      .toContain('after following');
    expect(p.out().match(/before following/g)).toHaveLength(1);
    p.child.kill('SIGTERM');
    await store.close();
  });
});
