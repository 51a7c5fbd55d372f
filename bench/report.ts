/**
 * The console table (with ratios to serverless-offline and to the raw floor), the same table in
 * Markdown for BENCHMARKS.md, and the issue's goals checked against the emulator's rows.
 */
import { primary, type ResultRow } from './results.ts';
import { RECLAIM_TOLERANCE } from './scenarios/reclaim.ts';

const COLUMNS = [
  'scenario',
  'clients',
  'runtime',
  'p50 ms',
  'p99 ms',
  'ops/s',
  'RSS MB',
  'PSS MB',
  'vs offline',
  'vs floor',
  'notes',
];

function ratio(row: ResultRow, rows: readonly ResultRow[], other: string): string {
  const base = rows.find(
    (r) => r.runtime === other && r.scenario === row.scenario && r.clients === row.clients,
  );
  // Memory at N connections means little for a runtime that did not hold them.
  if (base?.scenario === 'memory' && (base.held ?? 0) < base.clients) return '';
  const a = primary(row);
  const b = base ? primary(base) : null;
  if (a === null || b === null || b === 0) return '';
  return `${(a / b).toFixed(2)}x`;
}

const num = (v: number | null) => (v === null ? '' : String(v));

function cells(row: ResultRow, rows: readonly ResultRow[]): string[] {
  const status =
    row.status === 'not-available'
      ? 'not available yet'
      : row.status === 'failed'
        ? `FAILED${row.note ? `: ${row.note}` : ''}`
        : [
            row.failures > 0 ? `${row.failures} failed` : '',
            row.note ?? '',
            row.scenario === 'memory' || row.scenario === 'reclaim' ? (row.rss_breakdown ?? '') : '',
          ]
            .filter(Boolean)
            .join('; ');
  return [
    row.scenario,
    String(row.clients),
    row.runtime,
    num(row.p50_ms),
    num(row.p99_ms),
    num(row.ops_per_s),
    num(row.rss_mb),
    num(row.pss_mb ?? null),
    row.runtime === 'serverless-offline' ? '' : ratio(row, rows, 'serverless-offline'),
    row.runtime === 'raw-ws' ? '' : ratio(row, rows, 'raw-ws'),
    status.length > 120 ? `${status.slice(0, 117)}…` : status,
  ];
}

export function consoleTable(rows: readonly ResultRow[]): string {
  const body = rows.map((r) => cells(r, rows));
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const escapePipes = (v: string) => v.replaceAll('|', '\\|');
  return [
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r, rows).map(escapePipes).join(' | ')} |`),
  ].join('\n');
}

export interface Goal {
  goal: string;
  status: 'met' | 'missed' | 'not measured';
  measured: string;
}

export function checkGoals(rows: readonly ResultRow[]): Goal[] {
  const find = (runtime: string, scenario: string, clients?: number) =>
    rows.find(
      (r) =>
        r.runtime === runtime &&
        r.scenario === scenario &&
        r.status === 'ok' &&
        (clients === undefined || r.clients === clients),
    );
  const goal = (
    text: string,
    value: number | null | undefined,
    limit: number | null | undefined,
    unit: string,
    atLeast = false,
  ): Goal => {
    if (value === null || value === undefined || limit === null || limit === undefined)
      return { goal: text, status: 'not measured', measured: '' };
    const ok = atLeast ? value >= limit : value <= limit;
    return {
      goal: text,
      status: ok ? 'met' : 'missed',
      measured: `${value}${unit} (limit ${Math.round(limit * 100) / 100}${unit})`,
    };
  };
  const half = (scenario: string, clients: number | undefined, text: string) => {
    const mine = find('emulator', scenario, clients);
    const peer = find('serverless-offline', scenario, clients);
    return goal(text, mine?.p50_ms, peer?.p50_ms != null ? peer.p50_ms / 2 : null, ' ms');
  };
  const rate = find('emulator', 'connect-rate');
  const memory = rows.find((r) => r.runtime === 'emulator' && r.scenario === 'memory' && r.clients >= 1000);
  return [
    half('broadcast', 100, 'broadcast p50 at 100 clients ≤ ½ of serverless-offline'),
    half('broadcast', 1000, 'broadcast p50 at 1000 clients ≤ ½ of serverless-offline'),
    half('echo', undefined, 'echo p50 ≤ ½ of serverless-offline'),
    goal('ready < 1.0 s on DynamoDB Local', find('emulator', 'ready')?.p50_ms, 1000, ' ms'),
    goal('ready < 0.5 s on dynalite', find('emulator-dynalite', 'ready')?.p50_ms, 500, ' ms'),
    goal('1000 connections held (in every repetition)', memory?.held, memory ? 1000 : null, '', true),
    sustained(rate),
    goal(
      'Lambda instance PSS ≤ 60 MB each (at 1000 connections)',
      memory?.lambda_pss_each_mb,
      memory?.lambda_pss_each_mb != null ? 60 : null,
      ' MB',
    ),
    reclaimed(
      find('emulator', 'ready'),
      rows.find((r) => r.runtime === 'emulator' && r.scenario === 'reclaim'),
    ),
    flooded(find('emulator', 'flood')),
  ];
}

/** Once the idle instances are reclaimed, the tree's RSS is back within 20% of its READY RSS. */
function reclaimed(ready: ResultRow | undefined, after: ResultRow | undefined): Goal {
  const text = `tree RSS back within ${Math.round((RECLAIM_TOLERANCE - 1) * 100)}% of READY once idle instances are reclaimed`;
  if (!ready?.rss_mb || !after || after.rss_mb === null)
    return { goal: text, status: 'not measured', measured: '' };
  const ratio = after.rss_mb / ready.rss_mb;
  const met = ratio <= RECLAIM_TOLERANCE && after.failures === 0;
  return {
    goal: text,
    status: met ? 'met' : 'missed',
    measured: `${after.rss_mb} MB after vs ${ready.rss_mb} MB at READY: ${ratio.toFixed(2)}x${after.failures > 0 ? `, ${after.failures} instances not reclaimed` : ''}`,
  };
}

/** Issue 14: a flood from one socket (2,000 messages in the full run) must not hold up another's chat. */
function flooded(row: ResultRow | undefined): Goal {
  const text = "victim's chat p99 < 2 s during a flood from another socket (2,000 messages in the full run)";
  if (!row || row.p99_ms === null) return { goal: text, status: 'not measured', measured: '' };
  const met = row.p99_ms < 2000 && row.failures === 0;
  return {
    goal: text,
    status: met ? 'met' : 'missed',
    measured: `p99 ${row.p99_ms} ms, ${row.failures} failed`,
  };
}

/** 500 connects/s: the median achieved rate within 5% of the target, and not one handshake failed. */
function sustained(rate: ResultRow | undefined): Goal {
  const text = '500 connects/s sustained (≥ 475/s achieved, no failed handshake)';
  if (!rate || rate.ops_per_s === null) return { goal: text, status: 'not measured', measured: '' };
  const met = rate.ops_per_s >= 475 && rate.failures === 0;
  return {
    goal: text,
    status: met ? 'met' : 'missed',
    measured: `${rate.ops_per_s}/s, ${rate.failures} failed, handshake p99 ${rate.p99_ms} ms`,
  };
}

export function goalsText(goals: readonly Goal[]): string {
  return goals
    .map(
      (g) =>
        `  ${g.status === 'met' ? 'met   ' : g.status === 'missed' ? 'MISSED' : '  -   '}  ${g.goal}${g.measured ? `: ${g.measured}` : ''}`,
    )
    .join('\n');
}
