/**
 * Sustained connect rate and memory: opens `capacity` connections on a fixed schedule
 * (`connectRate` per second, AWS's default quota is 500/s), holds them all, and samples the RSS of
 * the runtime's whole process tree once they are open and the runtime has gone quiet.
 *
 * The achieved rate is completions over the span from the first completed handshake to the last
 * ((opened − 1) / span): a runtime that keeps up completes handshakes as fast as they are
 * scheduled, whatever its fixed latency; one that falls behind stretches the span.
 * A runtime with more than a second's worth of handshakes pending is not keeping up: the schedule
 * stops there, and the connections never attempted count as failures (this also keeps a runtime
 * that is collapsing from eating the machine's memory).
 */
import { performance } from 'node:perf_hooks';
import { BenchClient, closeAll } from '../client.ts';
import { waitForIdle } from '../idle.ts';
import { describeBreakdown, lambdaPssEachMb, treeRssBreakdown } from '../process-tree.ts';
import type { Context, Measurement } from './types.ts';

/** Achieved connects per second from completion times; undefined below two completions. */
export function achievedRate(openTimes: readonly number[]): number | undefined {
  if (openTimes.length < 2) return undefined;
  const first = Math.min(...openTimes);
  const last = Math.max(...openTimes);
  return last > first ? ((openTimes.length - 1) * 1000) / (last - first) : undefined;
}

export async function capacity(ctx: Context): Promise<Measurement[]> {
  const { capacity: total, connectRate } = ctx.plan;
  const maxPending = Math.max(50, connectRate);
  // A handshake still pending after 10 s has failed a 500/s schedule whatever happens next.
  const handshakeTimeoutMs = Math.min(10_000, ctx.plan.handshakeTimeoutMs);
  ctx.log(`connect-rate: opening ${total} connections at ${connectRate}/s…`);
  const clients: BenchClient[] = [];
  const latencies: number[] = [];
  const openTimes: number[] = [];
  let failures = 0;
  let settled = 0;
  let lastError = '';
  let gaveUp = '';
  const started = performance.now();
  const attempts: Promise<void>[] = [];
  try {
    for (let i = 0; i < total; i++) {
      // Absolute schedule: a slow handshake never delays the next attempt.
      const due = started + (i * 1000) / connectRate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const pending = i - settled;
      if (pending > maxPending) {
        gaveUp = `gave up after ${i} attempts: ${pending} handshakes pending`;
        failures += total - i;
        break;
      }
      attempts.push(
        BenchClient.open(ctx.wsUrl, handshakeTimeoutMs).then(
          ({ client, handshakeMs }) => {
            settled++;
            clients.push(client);
            latencies.push(handshakeMs);
            openTimes.push(performance.now());
          },
          (error: Error) => {
            settled++;
            failures++;
            lastError = error.message;
          },
        ),
      );
    }
    await Promise.all(attempts);
    const achieved = achievedRate(openTimes);
    ctx.log(
      `connect-rate: ${latencies.length} open, ${failures} failed${gaveUp ? ` (${gaveUp})` : ''}, ${achieved?.toFixed(0) ?? '?'}/s achieved; letting the runtime settle…`,
    );
    await waitForIdle(ctx.pid, ctx.plan.idleTimeoutMs);
    const { totalMb, totalPssMb, parts } = treeRssBreakdown(ctx.pid);
    const held = clients.filter((c) => c.isOpen()).length;
    const heldNote = held < total ? `${held} of ${total} open when sampled` : '';
    return [
      {
        scenario: 'connect-rate',
        clients: total,
        latenciesMs: latencies,
        opsPerS: achieved,
        failures,
        note: [`target ${connectRate}/s`, gaveUp, failures > 0 && lastError ? lastError : '']
          .filter(Boolean)
          .join('; '),
      },
      {
        scenario: 'memory',
        clients: total,
        latenciesMs: [],
        rssMb: totalMb,
        pssMb: totalPssMb,
        lambdaPssEachMb: lambdaPssEachMb(parts),
        held,
        failures: total - held,
        breakdown: describeBreakdown(parts),
        ...(heldNote ? { note: heldNote } : {}),
      },
    ];
  } finally {
    await Promise.allSettled(attempts);
    closeAll(clients);
  }
}
