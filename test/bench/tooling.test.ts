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
import { describeBreakdown, kindOf, lambdaPssEachMb, parsePssKb } from '../../bench/process-tree.ts';
import { checkGoals, consoleTable, markdownTable } from '../../bench/report.ts';
import { type Outcome, type ResultRow, summarize } from '../../bench/results.ts';
import { rotation } from '../../bench/run.ts';
import { RUNTIME_NAMES } from '../../bench/runtimes.ts';
import { achievedRate } from '../../bench/scenarios/capacity.ts';
import { timeLesson } from '../../bench/scenarios/lesson.ts';
import { SCENARIO_NAMES } from '../../bench/scenarios/types.ts';
import { median, percentile, round } from '../../bench/stats.ts';
import { parseOptions as parseStartOptions } from '../../emulator/config.ts';
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
      row('serverless-offline', 'echo', 20),
      row('emulator', 'ready', 900, { rss_mb: 300 }),
      row('emulator-dynalite', 'ready', 600),
      row('emulator', 'memory', 0, { rss_mb: 900, held: 1000, lambda_pss_each_mb: 55 }),
      row('emulator', 'connect-rate', 5, { ops_per_s: 499 }),
      row('emulator', 'reclaim', 0, { clients: 0, rss_mb: 390 }),
    ]);
    expect(goals.map((g) => [g.goal.split(' ').slice(0, 4).join(' '), g.status])).toEqual([
      ['broadcast p50 at 100', 'met'],
      ['broadcast p50 at 1000', 'not measured'],
      ['echo p50 ≤ ½', 'missed'],
      ['ready < 1.0 s', 'met'],
      ['ready < 0.5 s', 'missed'],
      ['1000 connections held (in', 'met'],
      ['500 connects/s sustained (≥', 'met'],
      ['Lambda instance PSS ≤', 'met'],
      ['tree RSS back within', 'missed'],
      ["victim's chat p99 <", 'not measured'],
    ]);
    expect(goals[8]?.measured).toContain('1.30x');
    expect(checkGoals([]).every((g) => g.status === 'not measured')).toBe(true);
    const failedRate = checkGoals([row('emulator', 'connect-rate', 5, { ops_per_s: 499, failures: 1 })]);
    expect(failedRate[6]?.status).toBe('missed');
  });

  it('shows PSS beside RSS, and gives the lesson row no ratio', () => {
    const rows = [
      row('emulator', 'ready', 900, { rss_mb: 300, pss_mb: 210.5 }),
      row('serverless-offline', 'ready', 1800, { rss_mb: 600, pss_mb: 500 }),
      row('emulator', 'lesson', 9000),
    ];
    const lines = consoleTable(rows).split('\n');
    expect(lines[0]).toMatch(/RSS MB\s+PSS MB/);
    expect(lines[2]).toContain('210.5');
    expect(lines[2]).toContain('0.50x');
    expect(lines[4]).toMatch(/^lesson/);
    expect(lines[4]).not.toMatch(/\dx/);
  });
});

describe('PSS', () => {
  it('reads Pss from /proc/<pid>/smaps_rollup and splits it per Lambda instance', () => {
    const rollup = [
      '556fe3716000-7ffc6fb3a000 ---p 00000000 00:00 0                          [rollup]',
      'Rss:              101700 kB',
      'Pss:               52212 kB',
      'Pss_Dirty:         40116 kB',
    ].join('\n');
    expect(parsePssKb(rollup)).toBe(52212);
    expect(parsePssKb('Rss: 1 kB')).toBeUndefined();
    expect(parsePssKb(readFileSync('/proc/self/smaps_rollup', 'utf8'))).toBeGreaterThan(0);
    const parts = [
      { kind: 'Lambda instance' as const, processes: 4, mb: 400, pssMb: 200 },
      { kind: 'node' as const, processes: 1, mb: 150, pssMb: 120 },
    ];
    expect(lambdaPssEachMb(parts)).toBe(50);
    expect(lambdaPssEachMb(parts.slice(1))).toBeUndefined();
    expect(describeBreakdown(parts)).toBe(
      '4× Lambda instance 400 MB (PSS 200, 50 each), node 150 MB (PSS 120)',
    );
  });
});

describe('lesson row', () => {
  it('times a command to its end, and a failing one is a failure with the reason', async () => {
    const passed = await timeLesson(REPO, [process.execPath, '-e', 'console.log("ok")']);
    expect(passed).toMatchObject({ scenario: 'lesson', failures: 0 });
    expect(passed.latenciesMs).toHaveLength(1);
    const failed = await timeLesson(REPO, [
      process.execPath,
      '-e',
      'console.error("lesson 4: 1 check failed"); process.exit(3)',
    ]);
    expect(failed).toMatchObject({ scenario: 'lesson', failures: 1, latenciesMs: [] });
    expect(failed.note).toContain('exited 3: lesson 4: 1 check failed');
    const rows = summarize(
      [{ runtime: 'emulator', repetition: 0, status: 'ok', measurement: failed }],
      SCENARIO_NAMES,
      RUNTIME_NAMES,
    );
    expect(rows[0]?.status).toBe('failed');
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
    expect(parseOptions(['--idle-instance-ms', '5000']).plan.idleInstanceMs).toBe(5000);
  });

  it('npm start takes --idle-instance-ms, which the bench passes to the emulator runtimes', () => {
    expect(parseStartOptions(['--idle-instance-ms', '1500'], {}).idleInstanceMs).toBe(1500);
    expect('idleInstanceMs' in parseStartOptions([], {})).toBe(false);
    expect(() => parseStartOptions(['--idle-instance-ms', '0'], {})).toThrow(/--idle-instance-ms/);
    expect(() => parseStartOptions(['--idle-instance-ms', 'soon'], {})).toThrow(/--idle-instance-ms/);
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
        '--idle-instance-ms',
        // Longer than this tiny run's steps take, so no step pays cold starts the last one did not.
        '8000',
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
        ).toHaveLength(
          // The lesson is timed only with the emulator runtime; reclaim only where instances are reclaimed.
          scenario === 'lesson' || (scenario === 'reclaim' && runtime === 'raw-ws') ? 0 : 1,
        );
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
        expect(r.pss_mb).toBeGreaterThan(0);
        expect(r.pss_mb as number).toBeLessThanOrEqual(r.rss_mb as number);
      } else if (r.scenario === 'reclaim') {
        // Every instance was reclaimed after its idle time: none left in the tree.
        expect(r.rss_breakdown).not.toMatch(/Lambda instance/);
        expect(r.note).toMatch(/x of READY RSS \d+ MB/);
      } else {
        expect(r.samples).toBeGreaterThan(0);
        expect(r.p50_ms as number).toBeLessThanOrEqual(r.p99_ms as number);
      }
    }
    expect(results.find((r) => r.scenario === 'broadcast')?.clients).toBe(3);
    expect(results.find((r) => r.scenario === 'race')?.clients).toBe(2);
    // The emulator's tree is more than one process (node, the Lambda instances), all counted.
    const memory = results.find((r) => r.runtime === 'emulator-dynalite' && r.scenario === 'memory');
    expect(memory?.rss_breakdown).toMatch(/Lambda instance \d+ MB \(PSS \d+/);
    expect(memory?.lambda_pss_each_mb).toBeGreaterThan(0);
    expect(report.goals).toHaveLength(10);
  }, 120_000);
});
