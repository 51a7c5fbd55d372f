/**
 * The console table (with ratios to serverless-offline and to the raw floor), the same table in
 * Markdown for BENCHMARKS.md, and the issue's goals checked against the emulator's rows.
 */
import { primary, type ResultRow } from './results.ts';

const COLUMNS = [
  'scenario',
  'clients',
  'runtime',
  'p50 ms',
  'p99 ms',
  'ops/s',
  'RSS MB',
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
            row.scenario === 'memory' ? (row.rss_breakdown ?? '') : '',
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
    row.runtime === 'serverless-offline' ? '' : ratio(row, rows, 'serverless-offline'),
    row.runtime === 'raw-ws' ? '' : ratio(row, rows, 'raw-ws'),
    status.length > 90 ? `${status.slice(0, 87)}…` : status,
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
  const b100 = find('emulator', 'broadcast', 100);
  const b100off = find('serverless-offline', 'broadcast', 100);
  const echo = find('emulator', 'echo');
  const echoRaw = find('raw-ws', 'echo');
  const rate = find('emulator', 'connect-rate');
  const memory = rows.find((r) => r.runtime === 'emulator' && r.scenario === 'memory' && r.clients >= 1000);
  return [
    goal(
      'broadcast p50 at 100 clients ≤ ½ of serverless-offline',
      b100?.p50_ms,
      b100off?.p50_ms != null ? b100off.p50_ms / 2 : null,
      ' ms',
    ),
    goal(
      'echo p50 within 3x of the raw floor',
      echo?.p50_ms,
      echoRaw?.p50_ms != null ? echoRaw.p50_ms * 3 : null,
      ' ms',
    ),
    goal('ready < 2 s on DynamoDB Local', find('emulator', 'ready')?.p50_ms, 2000, ' ms'),
    goal('ready < 0.5 s on dynalite', find('emulator-dynalite', 'ready')?.p50_ms, 500, ' ms'),
    goal('1000 connections held (in every repetition)', memory?.held, memory ? 1000 : null, '', true),
    sustained(rate),
    flooded(find('emulator', 'flood')),
  ];
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
