/**
 * Sustained connect rate and memory: opens `capacity` connections on a fixed schedule
 * (`connectRate` per second, AWS's default quota is 500/s), holds them all, and samples the RSS of
 * the runtime's whole process tree once they are open and the runtime has gone quiet.
 */
import { performance } from 'node:perf_hooks';
import { BenchClient, closeAll } from '../client.ts';
import { waitForIdle } from '../idle.ts';
import { treeRssMb } from '../process-tree.ts';
import type { Context, Measurement } from './types.ts';

export async function capacity(ctx: Context): Promise<Measurement[]> {
  const { capacity: total, connectRate } = ctx.plan;
  ctx.log(`connect-rate: opening ${total} connections at ${connectRate}/s…`);
  const clients: BenchClient[] = [];
  const latencies: number[] = [];
  let failures = 0;
  let lastError = '';
  let lastOpen = 0;
  const started = performance.now();
  const attempts: Promise<void>[] = [];
  try {
    for (let i = 0; i < total; i++) {
      // Absolute schedule: a slow handshake never delays the next attempt.
      const due = started + (i * 1000) / connectRate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      attempts.push(
        BenchClient.open(ctx.wsUrl, ctx.plan.sampleTimeoutMs).then(
          ({ client, handshakeMs }) => {
            clients.push(client);
            latencies.push(handshakeMs);
            lastOpen = performance.now();
          },
          (error: Error) => {
            failures++;
            lastError = error.message;
          },
        ),
      );
    }
    await Promise.all(attempts);
    const elapsed = (lastOpen - started) / 1000;
    const achieved = elapsed > 0 ? latencies.length / elapsed : undefined;
    ctx.log(
      `connect-rate: ${latencies.length} open, ${failures} failed, ${achieved?.toFixed(0) ?? '?'}/s achieved; letting the runtime settle…`,
    );
    await waitForIdle(ctx.pid, 10_000);
    const rssMb = treeRssMb(ctx.pid);
    const held = clients.filter((c) => c.isOpen()).length;
    const heldNote = held < total ? `${held} of ${total} still open when sampled` : undefined;
    return [
      {
        scenario: 'connect-rate',
        clients: total,
        latenciesMs: latencies,
        opsPerS: achieved,
        rssMb,
        failures,
        note: [`target ${connectRate}/s`, failures > 0 ? lastError : ''].filter(Boolean).join('; '),
      },
      { scenario: 'memory', clients: total, latenciesMs: [], rssMb, failures: total - held, note: heldNote },
    ];
  } finally {
    await Promise.allSettled(attempts);
    closeAll(clients);
  }
}
