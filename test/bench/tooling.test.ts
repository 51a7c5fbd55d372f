/**
 * The benchmark tooling, not the speed of anything: percentiles, how repetitions are summarised,
 * the goals and tables, the options, and one tiny real run of `npm run bench` (raw-ws and the
 * emulator on dynalite, one repetition, a handful of clients) whose --json must be well formed.
 * Nothing here compares a time to a limit.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOptions, QUICK, UsageError } from '../../bench/options.ts';
import { kindOf } from '../../bench/process-tree.ts';
import { checkGoals, consoleTable, markdownTable } from '../../bench/report.ts';
import { type Outcome, type ResultRow, summarize } from '../../bench/results.ts';
import { rotation } from '../../bench/run.ts';
import { RUNTIME_NAMES } from '../../bench/runtimes.ts';
import { achievedRate } from '../../bench/scenarios/capacity.ts';
import { SCENARIO_NAMES } from '../../bench/scenarios/types.ts';
import { median, percentile, round } from '../../bench/stats.ts';
import { REPO } from '../support/processes.ts';

describe('stats', () => {
  it('takes percentiles by nearest rank, so every number reported is one that was measured', () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 50)).toBe(3);
    expect(percentile(values, 99)).toBe(5);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(median([])).toBeNull();
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        99,
      ),
    ).toBe(99);
  });

  it('rounds, and leaves no NaN or Infinity in the JSON', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.23456, 1)).toBe(1.2);
    expect(round(Number.NaN)).toBeNull();
    expect(round(Number.POSITIVE_INFINITY)).toBeNull();
    expect(round(null)).toBeNull();
  });

  it('measures a sustained rate from the first completion to the last', () => {
    expect(achievedRate([])).toBeUndefined();
    expect(achievedRate([100])).toBeUndefined();
    // 11 completions 100 ms apart: 10 intervals in 1 s.
    expect(achievedRate(Array.from({ length: 11 }, (_, i) => 1000 + i * 100))).toBeCloseTo(10);
  });
});

const ok = (
  runtime: Outcome['runtime'],
  repetition: number,
  m: Partial<Extract<Outcome, { status: 'ok' }>['measurement']>,
): Outcome => ({
  runtime,
  repetition,
  status: 'ok',
  measurement: { scenario: 'echo', clients: 1, latenciesMs: [], failures: 0, ...m },
});

describe('summarize', () => {
  it('p50 is the median of the repetitions’ medians, p99 is over every sample, RSS the median', () => {
    const outcomes: Outcome[] = [
      ok('emulator', 0, { latenciesMs: [1, 2, 3], opsPerS: 10 }),
      ok('emulator', 1, { latenciesMs: [10, 20, 30], opsPerS: 30 }),
      ok('emulator', 2, { latenciesMs: [4, 5, 100], opsPerS: 20 }),
      ok('emulator', 0, { scenario: 'memory', clients: 10, rssMb: 300, held: 10, breakdown: 'node 300 MB' }),
      ok('emulator', 1, { scenario: 'memory', clients: 10, rssMb: 100, held: 9, failures: 1 }),
      ok('emulator', 2, { scenario: 'memory', clients: 10, rssMb: 200, held: 10, breakdown: 'node 200 MB' }),
    ];
    const rows = summarize(outcomes, SCENARIO_NAMES, RUNTIME_NAMES);
    const echo = rows.find((r) => r.scenario === 'echo') as ResultRow;
    expect(echo).toMatchObject({ p50_ms: 5, p99_ms: 100, ops_per_s: 20, samples: 9, repetitions: 3 });
    const memory = rows.find((r) => r.scenario === 'memory') as ResultRow;
    expect(memory).toMatchObject({ rss_mb: 200, held: 9, failures: 1, rss_breakdown: 'node 200 MB' });
    expect(memory.p50_ms).toBeNull();
  });

  it('keeps failed and not-available runs as rows with their reason', () => {
    const outcomes: Outcome[] = [
      {
        runtime: 'serverless-offline',
        repetition: 0,
        status: 'failed',
        scenario: 'echo',
        clients: 1,
        reason: 'boom',
      },
      ok('raw-ws', 0, { latenciesMs: [0.1] }),
    ];
    const rows = summarize(outcomes, SCENARIO_NAMES, RUNTIME_NAMES);
    expect(rows.map((r) => [r.runtime, r.status])).toEqual([
      ['serverless-offline', 'failed'],
      ['raw-ws', 'ok'],
    ]);
    expect(rows[0]?.note).toBe('boom');
    expect(consoleTable(rows)).toContain('FAILED: boom');
  });
});

describe('report', () => {
  const row = (runtime: ResultRow['runtime'], scenario: ResultRow['scenario'], p50: number, extra = {}) =>
    ({
      runtime,
      scenario,
      clients:
        scenario === 'broadcast' ? 100 : scenario === 'memory' || scenario === 'connect-rate' ? 1000 : 1,
      p50_ms: p50,
      p99_ms: p50 * 2,
      ops_per_s: null,
      rss_mb: null,
      samples: 3,
      failures: 0,
      repetitions: 3,
      status: 'ok',
      ...extra,
    }) as ResultRow;

  it('shows ratios to serverless-offline and to the floor, in the console and in Markdown', () => {
    const rows = [
      row('emulator', 'echo', 12),
      row('serverless-offline', 'echo', 24),
      row('raw-ws', 'echo', 0.5),
    ];
    const table = consoleTable(rows);
    expect(table).toContain('vs offline');
    expect(table).toContain('0.50x');
    expect(table).toContain('24.00x');
    const md = markdownTable(rows).split('\n');
    expect(md[0]).toMatch(/^\| scenario \| clients \| runtime \|/);
    expect(md).toHaveLength(2 + rows.length);
  });

  it('gives no memory ratio against a runtime that did not hold the connections', () => {
    const rows = [
      row('emulator', 'memory', 0, { rss_mb: 900, held: 1000 }),
      row('serverless-offline', 'memory', 0, { rss_mb: 9000, held: 0 }),
      row('raw-ws', 'memory', 0, { rss_mb: 90, held: 1000 }),
    ];
    const emulatorLine = consoleTable(rows).split('\n')[2] ?? '';
    expect(emulatorLine).toContain('10.00x');
    expect(emulatorLine).not.toContain('0.10x');
  });

  it('checks every goal of the issue against the emulator’s rows', () => {
    const goals = checkGoals([
      row('emulator', 'broadcast', 40),
      row('serverless-offline', 'broadcast', 100),
      row('emulator', 'echo', 12),
      row('raw-ws', 'echo', 1),
      row('emulator', 'ready', 1500),
      row('emulator-dynalite', 'ready', 600),
      row('emulator', 'memory', 0, { rss_mb: 900, held: 1000 }),
      row('emulator', 'connect-rate', 5, { ops_per_s: 499 }),
    ]);
    expect(goals.map((g) => g.status)).toEqual([
      'met',
      'missed',
      'met',
      'missed',
      'met',
      'met',
      'not measured',
    ]);
    expect(checkGoals([]).every((g) => g.status === 'not measured')).toBe(true);
    const failedRate = checkGoals([row('emulator', 'connect-rate', 5, { ops_per_s: 499, failures: 1 })]);
    expect(failedRate[5]?.status).toBe('missed');
  });
});

describe('options and order', () => {
  it('has a quick preset and overrides, and refuses what it does not know', () => {
    const quick = parseOptions(['--quick', '--runtimes', 'raw-ws', '--json', 'x.json']);
    expect(quick.plan).toEqual(QUICK);
    expect(quick.runtimes).toEqual(['raw-ws']);
    expect(quick.json).toBe('x.json');
    expect(parseOptions(['--clients', '5,7']).plan.broadcastSizes).toEqual([5, 7]);
    expect(() => parseOptions(['--runtimes', 'lambda'])).toThrow(UsageError);
    expect(() => parseOptions(['--samples', '0'])).toThrow(UsageError);
    expect(() => parseOptions(['--nope'])).toThrow(UsageError);
  });

  it('rotates the runtimes from one repetition to the next', () => {
    expect(rotation(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotation(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotation(['a', 'b', 'c'], 3)).toEqual(['a', 'b', 'c']);
  });

  it('tells the processes of a runtime apart by their command lines', () => {
    expect(kindOf('java -Djava.library.path=x -jar DynamoDBLocal.jar -inMemory')).toBe('JVM');
    expect(kindOf('/usr/bin/java -jar x')).toBe('JVM');
    expect(kindOf('/usr/bin/node --enable-source-maps /w/.local/build/s/runtime/bootstrap.mjs')).toBe(
      'Lambda instance',
    );
    expect(kindOf('/w/node_modules/@esbuild/linux-x64/bin/esbuild --service=0.28.2 --ping')).toBe('esbuild');
    expect(kindOf('/usr/bin/node --import tsx scripts/start.ts')).toBe('node');
    expect(kindOf('sh -c trap')).toBe('other');
  });
});

describe('npm run bench, tiny', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every scenario on raw-ws and emulator-dynalite and writes well-formed --json', async () => {
    const file = join(dir, 'out.json');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/bench.ts',
        '--quick',
        '--runtimes',
        'raw-ws,emulator-dynalite',
        '--repetitions',
        '1',
        '--samples',
        '2',
        '--clients',
        '3',
        '--race-clients',
        '2',
        '--connections',
        '20',
        '--rate',
        '100',
        '--flood',
        '20',
        '--idle-timeout',
        '500',
        '--json',
        file,
      ],
      { cwd: REPO, env: { ...process.env }, maxBuffer: 10 * 1024 * 1024 },
    );
    expect(stdout).toContain('vs floor');
    expect(stdout).toMatch(/\[1\/2 r1 (raw-ws|emulator-dynalite)\] starting/);

    const report = JSON.parse(readFileSync(file, 'utf8')) as { results: ResultRow[]; goals: unknown[] };
    const results = report.results;
    for (const runtime of ['raw-ws', 'emulator-dynalite'])
      for (const scenario of SCENARIO_NAMES)
        expect(
          results.filter((r) => r.runtime === runtime && r.scenario === scenario),
          `${runtime} ${scenario}`,
        ).toHaveLength(1);
    for (const r of results) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining(['runtime', 'scenario', 'clients', 'p50_ms', 'p99_ms', 'ops_per_s', 'rss_mb']),
      );
      expect(r.status, `${r.runtime} ${r.scenario}: ${r.note ?? ''}`).toBe('ok');
      expect(r.failures, `${r.runtime} ${r.scenario}: ${r.note ?? ''}`).toBe(0);
      for (const v of [r.p50_ms, r.p99_ms, r.ops_per_s, r.rss_mb])
        if (v !== null) expect(Number.isFinite(v)).toBe(true);
      if (r.scenario === 'memory') {
        expect(r.held).toBe(20);
        expect(r.rss_mb).toBeGreaterThan(0);
      } else {
        expect(r.samples).toBeGreaterThan(0);
        expect(r.p50_ms as number).toBeLessThanOrEqual(r.p99_ms as number);
      }
    }
    expect(results.find((r) => r.scenario === 'broadcast')?.clients).toBe(3);
    expect(results.find((r) => r.scenario === 'race')?.clients).toBe(2);
    // The emulator's tree is more than one process (node, the Lambda instances), all counted.
    const memory = results.find((r) => r.runtime === 'emulator-dynalite' && r.scenario === 'memory');
    expect(memory?.rss_breakdown).toMatch(/Lambda instance/);
    expect(report.goals).toHaveLength(7);
  }, 120_000);
});
