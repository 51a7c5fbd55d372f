/**
 * Memory given back: after the other steps, waits for the emulator to reclaim its idle Lambda
 * instances (the runtime starts with a short `--idle-instance-ms`), lets the tree go quiet, and
 * samples its RSS and PSS. The goal compares that RSS with the tree's RSS right after READY.
 */
import { performance } from 'node:perf_hooks';
import { waitForIdle } from '../idle.ts';
import { describeBreakdown, lambdaPssEachMb, treeRssBreakdown } from '../process-tree.ts';
import type { Context, Measurement } from './types.ts';

/** How far above its READY RSS the tree may stay once its instances are reclaimed (the 20%). */
export const RECLAIM_TOLERANCE = 1.2;

const lambdaCount = (pid: number) =>
  treeRssBreakdown(pid).parts.find((p) => p.kind === 'Lambda instance')?.processes ?? 0;

export async function reclaim(ctx: Context): Promise<Measurement[]> {
  const started = performance.now();
  // The last instance went idle at most when this step began; a reclaimed instance then takes a
  // moment to exit. Past this, whatever is still running is reported, not waited for.
  const deadline = started + ctx.plan.idleInstanceMs + 30_000;
  ctx.log(`reclaim: waiting up to ${((deadline - started) / 1000).toFixed(0)} s for idle instances to go…`);
  let left = lambdaCount(ctx.pid);
  while (left > 0 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    left = lambdaCount(ctx.pid);
  }
  const gone = performance.now() - started;
  await waitForIdle(ctx.pid, ctx.plan.idleTimeoutMs);
  const sample = treeRssBreakdown(ctx.pid);
  const ratio = sample.totalMb / ctx.readyRssMb;
  return [
    {
      scenario: 'reclaim',
      clients: 0,
      // How long after the last step the instances were all gone: the idle time plus the exits.
      latenciesMs: left === 0 ? [gone] : [],
      rssMb: sample.totalMb,
      pssMb: sample.totalPssMb,
      lambdaPssEachMb: lambdaPssEachMb(sample.parts),
      breakdown: describeBreakdown(sample.parts),
      failures: left,
      note: [
        `${ratio.toFixed(2)}x of READY RSS ${ctx.readyRssMb.toFixed(0)} MB`,
        left > 0 ? `${left} instances still running` : '',
      ]
        .filter(Boolean)
        .join('; '),
    },
  ];
}
