/**
 * From raw measurements (one per scenario, runtime and repetition) to the rows of the report and
 * of `--json`: p50 is the median of the repetitions' medians, p99 is taken over every sample of
 * every repetition, throughput and RSS are medians over repetitions.
 */
import type { RuntimeName } from './runtimes.ts';
import type { Measurement, ScenarioName } from './scenarios/types.ts';
import { median, percentile, round } from './stats.ts';

export type Status = 'ok' | 'failed' | 'not-available';

/** One scenario on one runtime in one repetition. */
export type Outcome =
  | { runtime: RuntimeName; repetition: number; status: 'ok'; measurement: Measurement }
  | {
      runtime: RuntimeName;
      repetition: number;
      status: 'failed' | 'not-available';
      scenario: ScenarioName;
      clients: number;
      reason: string;
    };

export interface ResultRow {
  runtime: RuntimeName;
  scenario: ScenarioName;
  clients: number;
  p50_ms: number | null;
  p99_ms: number | null;
  ops_per_s: number | null;
  rss_mb: number | null;
  /** PSS of the whole tree (median over repetitions). */
  pss_mb?: number | null;
  /** Mean PSS of one Lambda instance (median over repetitions). */
  lambda_pss_each_mb?: number | null;
  /** Where the RSS is (the repetition closest to the median), e.g. `node 150 MB, JVM 230 MB`. */
  rss_breakdown?: string;
  /** Fewest connections still open when memory was sampled, over the repetitions (memory only). */
  held?: number;
  samples: number;
  failures: number;
  repetitions: number;
  status: Status;
  note?: string;
}

const keyOf = (runtime: string, scenario: string, clients: number) =>
  `${runtime}\u0000${scenario}\u0000${clients}`;
const present = (values: Array<number | undefined>) => values.filter((v): v is number => v !== undefined);

export function summarize(
  outcomes: readonly Outcome[],
  scenarioOrder: readonly string[],
  runtimeOrder: readonly string[],
): ResultRow[] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const scenario = o.status === 'ok' ? o.measurement.scenario : o.scenario;
    const clients = o.status === 'ok' ? o.measurement.clients : o.clients;
    const key = keyOf(o.runtime, scenario, clients);
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const rows: ResultRow[] = [];
  for (const group of groups.values()) {
    const first = group[0] as Outcome;
    const ok = group.flatMap((o) => (o.status === 'ok' ? [o.measurement] : []));
    const bad = group.flatMap((o) => (o.status !== 'ok' ? [o] : []));
    const scenario = first.status === 'ok' ? first.measurement.scenario : first.scenario;
    const clients = first.status === 'ok' ? first.measurement.clients : first.clients;
    const pooled = ok.flatMap((m) => m.latenciesMs);
    const perRepMedians = present(ok.map((m) => median(m.latenciesMs) ?? undefined));
    const notes = [
      ...new Set([...ok.map((m) => m.note), ...bad.map((o) => o.reason)].filter((n): n is string => !!n)),
    ];
    const hasData =
      ok.length > 0 &&
      (pooled.length > 0 || ok.some((m) => m.rssMb !== undefined || m.opsPerS !== undefined));
    const rss = median(present(ok.map((m) => m.rssMb)));
    const closest =
      rss === null
        ? undefined
        : ok
            .filter((m) => m.rssMb !== undefined && m.breakdown)
            .sort((a, b) => Math.abs((a.rssMb as number) - rss) - Math.abs((b.rssMb as number) - rss))[0];
    const held = present(ok.map((m) => m.held));
    const pss = present(ok.map((m) => m.pssMb));
    const lambdaPss = present(ok.map((m) => m.lambdaPssEachMb));
    rows.push({
      runtime: first.runtime,
      scenario,
      clients,
      p50_ms: round(median(perRepMedians)),
      p99_ms: round(percentile(pooled, 99)),
      ops_per_s: round(median(present(ok.map((m) => m.opsPerS))), 1),
      rss_mb: round(rss, 1),
      ...(pss.length > 0 ? { pss_mb: round(median(pss), 1) } : {}),
      ...(lambdaPss.length > 0 ? { lambda_pss_each_mb: round(median(lambdaPss), 1) } : {}),
      ...(closest?.breakdown ? { rss_breakdown: closest.breakdown } : {}),
      ...(held.length > 0 ? { held: bad.length > 0 ? 0 : Math.min(...held) } : {}),
      samples: pooled.length,
      failures: ok.reduce((sum, m) => sum + m.failures, 0) + bad.length,
      repetitions: group.length,
      status: hasData
        ? 'ok'
        : bad.every((o) => o.status === 'not-available') && bad.length > 0
          ? 'not-available'
          : 'failed',
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    });
  }
  const s = (r: ResultRow) => scenarioOrder.indexOf(r.scenario);
  const t = (r: ResultRow) => runtimeOrder.indexOf(r.runtime);
  return rows.sort((a, b) => s(a) - s(b) || a.clients - b.clients || t(a) - t(b));
}

/** The number a scenario is compared by: memory by RSS, throughput-only rows by ops, the rest by p50. */
export function primary(row: ResultRow): number | null {
  if (row.scenario === 'memory') return row.rss_mb;
  return row.p50_ms;
}
