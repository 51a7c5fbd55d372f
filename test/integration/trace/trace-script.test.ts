/**
 * `npm run trace`, run the way the npm script runs it, beside a running emulator: it finds the
 * emulator's trace under the trace directory, follows it live, filters by room and connection,
 * and fits 100 columns.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { columns } from '../../../emulator/logs/format.ts';
import type { RunningEmulator } from '../../../emulator/start.ts';
import { withoutManageConnections } from '../../../lessons/pitfalls/no-manage-connections/policy.ts';
import { workshopStack } from '../../../lessons/shared/workshop-stack.ts';
import { connectClient } from '../../../lessons/shared/ws-client.ts';
import { startTestEmulator } from '../../support/emulator.ts';
import { REPO } from '../../support/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'trace-script-'));
const children: ChildProcess[] = [];
let emulator: RunningEmulator;

beforeAll(async () => {
  const stack = workshopStack({
    name: 'trace-script',
    entry: join(REPO, 'lessons', 'pitfalls', 'no-manage-connections', 'handler-logged.ts'),
    routes: ['$connect', '$disconnect', '$default'],
    policy: withoutManageConnections(),
  });
  emulator = await startTestEmulator(stack, {
    traceDir: dir,
  });
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/trace.ts', '--dir', dir, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  return { child, out: () => out, err: () => err };
}

describe('npm run trace', () => {
  test('follows the running emulator live: the message, the invocation, the denied post', async () => {
    const p = start(['--room', 'lobby']);
    await expect.poll(() => p.err(), { timeout: 20_000 }).toContain('following; Ctrl+C to stop');
    expect(p.err()).toContain(`trace of trace-script (pid ${process.pid}, running`);
    const a = await connectClient(`${emulator.urls.ws}?room=lobby`, '철수');
    const b = await connectClient(`${emulator.urls.ws}?room=elsewhere`, '영희');
    a.send({ username: '철수', content: '안녕하세요', room: 'lobby' });
    await expect.poll(() => p.out(), { timeout: 20_000 }).toMatch(/λ → @conn\s+✗ DENIED PostToConnection/);
    const lines = p.out().trimEnd().split('\n');
    expect(lines.some((l) => /client → gateway\s+frame \d+ B → route \$default/.test(l))).toBe(true);
    expect(lines.some((l) => /gateway → λ\s+invoke android-realtime-lambda \(\$default\)/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => /λ → gateway\s+END [\d.]+ ms, billed \d+ ms/.test(l))).toBe(true);
    for (const line of lines) expect(columns(line)).toBeLessThanOrEqual(100);
    // 영희 connected to another room: her connect is filtered out, 철수's is there.
    expect(emulator.gateway.connections()).toHaveLength(2);
    expect(lines.filter((l) => l.includes('101 connected'))).toHaveLength(1);
    await a.close();
    await b.close();
    p.child.kill('SIGINT');
  }, 60_000);

  test('--once --connection prints one connection and exits; --since it cannot read is refused', async () => {
    const spans = emulator.trace.spans();
    const id = spans.find((s) => s.kind === 'frame-in')?.connectionId as string;
    const p = start(['--once', '--since', '1h', '--connection', id.slice(0, 6)]);
    const code = await new Promise((ok) => p.child.once('exit', ok));
    expect(code).toBe(0);
    expect(p.out()).toContain('frame');
    const bad = start(['--once', '--since', 'soonish']);
    expect(await new Promise((ok) => bad.child.once('exit', ok))).toBe(2);
    expect(bad.err()).toContain('neither a duration');
  }, 30_000);

  test("with no emulator running, shows the last run's trace and says it stopped", async () => {
    const stopped = join(dir, 'stopped');
    mkdirSync(stopped);
    const header = { kind: 'emulator', pid: 4194303, startedAt: Date.now() - 60_000, stack: 'old-run' };
    const span = {
      seq: 1,
      at: Date.now() - 50_000,
      trace: 'abcdefgh',
      kind: 'call',
      from: 'function',
      to: 'dynamodb',
      status: 'late',
      label: 'PutItem User → 200 (3 ms) LATE: after END',
      detail: {},
    };
    writeFileSync(
      join(stopped, '2024-01-01T00-00-00-000Z-4194303.jsonl'),
      `${JSON.stringify(header)}\n${JSON.stringify(span)}\n`,
    );
    const p = spawn(process.execPath, ['--import', 'tsx', 'scripts/trace.ts', '--dir', stopped, '--once'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    p.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    expect(await new Promise((ok) => p.once('exit', ok))).toBe(0);
    expect(err).toContain('trace of old-run (pid 4194303, stopped: its last run');
    expect(out).toMatch(/abcdef λ → DynamoDB\s+⚠ PutItem User → 200 \(3 ms\) LATE: after END/);
  }, 30_000);
});
