/**
 * Runs the matrix: every repetition starts each runtime afresh, runs the chosen scenarios on it and
 * stops it, with the runtime order rotated per repetition (r1: A,B,C,D; r2: B,C,D,A …) so that
 * machine noise is spread over all of them.
 */
import { waitForIdle } from './idle.ts';
import type { Options } from './options.ts';
import { describeBreakdown, lambdaPssEachMb, treeRssBreakdown } from './process-tree.ts';
import type { Outcome } from './results.ts';
import { RUNTIMES, type RunningRuntime, type RuntimeName, startRuntime } from './runtimes.ts';
import { broadcast } from './scenarios/broadcast.ts';
import { capacity } from './scenarios/capacity.ts';
import { connectLatency } from './scenarios/connect.ts';
import { echo } from './scenarios/echo.ts';
import { flood } from './scenarios/flood.ts';
import { LESSON_COMMAND, timeLesson } from './scenarios/lesson.ts';
import { race } from './scenarios/race.ts';
import { reclaim } from './scenarios/reclaim.ts';
import type { Context, Measurement, Plan, ScenarioName } from './scenarios/types.ts';

interface Step {
  /** Rows this step produces, with their client counts (for failure rows). */
  produces: Array<{ scenario: ScenarioName; clients: number }>;
  run: (ctx: Context) => Promise<Measurement[]>;
  /** Only on runtimes whose Lambda instances are reclaimed when idle. */
  reclaimingOnly?: boolean;
}

/** In this order: the big connection counts last, so their $disconnect storms hit nothing after. */
function steps(options: Options): Step[] {
  const { plan, scenarios } = options;
  const want = (s: ScenarioName) => scenarios.includes(s);
  const list: Step[] = [];
  if (want('connect')) list.push({ produces: [{ scenario: 'connect', clients: 1 }], run: connectLatency });
  if (want('echo')) list.push({ produces: [{ scenario: 'echo', clients: 1 }], run: echo });
  if (want('race')) list.push({ produces: [{ scenario: 'race', clients: plan.raceClients }], run: race });
  if (want('broadcast'))
    for (const size of plan.broadcastSizes)
      list.push({
        produces: [{ scenario: 'broadcast', clients: size }],
        run: (ctx) => broadcast({ ...ctx, plan: { ...ctx.plan, broadcastSizes: [size] } }),
      });
  if (want('connect-rate') || want('memory')) {
    const produces = (['connect-rate', 'memory'] as const)
      .filter(want)
      .map((scenario) => ({ scenario, clients: plan.capacity }));
    list.push({ produces, run: async (ctx) => (await capacity(ctx)).filter((m) => want(m.scenario)) });
  }
  // Last: the flood's backlog may keep a runtime busy long after the victim's samples.
  if (want('flood')) list.push({ produces: [{ scenario: 'flood', clients: 2 }], run: flood });
  // After everything: nothing runs while the instances sit out their idle time.
  if (want('reclaim'))
    list.push({ produces: [{ scenario: 'reclaim', clients: 0 }], run: reclaim, reclaimingOnly: true });
  return list;
}

export function rotation<T>(items: readonly T[], repetition: number): T[] {
  const k = repetition % Math.max(1, items.length);
  return [...items.slice(k), ...items.slice(0, k)];
}

const fmt = (ms: number | undefined) => (ms === undefined ? '-' : `${ms.toFixed(1)} ms`);

function summary(m: Measurement): string {
  const sorted = [...m.latenciesMs].sort((a, b) => a - b);
  const p50 = sorted[Math.ceil(sorted.length / 2) - 1];
  const parts = [`${m.latenciesMs.length} samples`, `p50 ${fmt(p50)}`];
  if (m.opsPerS !== undefined) parts.push(`${m.opsPerS.toFixed(0)}/s`);
  if (m.rssMb !== undefined) parts.push(`RSS ${m.rssMb.toFixed(0)} MB`);
  if (m.failures > 0) parts.push(`${m.failures} failed (${m.note ?? ''})`);
  return parts.join(', ');
}

export interface RunHooks {
  cwd: string;
  rawServerFile: string;
  log: (line: string) => void;
  /** Stops the run between steps (Ctrl+C); the runtime in use is still stopped. */
  cancelled: () => boolean;
}

export async function runMatrix(options: Options, hooks: RunHooks): Promise<Outcome[]> {
  const { plan } = options;
  const outcomes: Outcome[] = [];
  const planned = steps(options);
  const total = plan.repetitions * options.runtimes.length;
  let done = 0;
  const started = Date.now();
  const clock = () => {
    const s = Math.floor((Date.now() - started) / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  for (let rep = 0; rep < plan.repetitions && !hooks.cancelled(); rep++) {
    for (const name of rotation(options.runtimes, rep)) {
      if (hooks.cancelled()) break;
      done++;
      const say = (line: string) => hooks.log(`${clock()} [${done}/${total} r${rep + 1} ${name}] ${line}`);
      const forRuntime = RUNTIMES[name].reclaims ? planned : planned.filter((s) => !s.reclaimingOnly);
      outcomes.push(...(await runOne(name, rep, forRuntime, options, hooks, say)));
    }
    // The lesson starts its own emulator: timed once per repetition, alone on the machine.
    if (options.scenarios.includes('lesson') && options.runtimes.includes('emulator') && !hooks.cancelled()) {
      hooks.log(`${clock()} [r${rep + 1} lesson] ${LESSON_COMMAND.join(' ')}…`);
      const measurement = await timeLesson(hooks.cwd);
      hooks.log(`${clock()} [r${rep + 1} lesson] ${summary(measurement)}`);
      outcomes.push({ runtime: 'emulator', repetition: rep, status: 'ok', measurement });
    }
  }
  return outcomes;
}

async function runOne(
  name: RuntimeName,
  rep: number,
  planned: Step[],
  options: Options,
  hooks: RunHooks,
  say: (line: string) => void,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const allRows = planned.flatMap((s) => s.produces);
  const failAll = (rows: Step['produces'], status: 'failed' | 'not-available', reason: string) => {
    for (const r of rows)
      outcomes.push({
        runtime: name,
        repetition: rep,
        status,
        scenario: r.scenario,
        clients: r.clients,
        reason,
      });
  };
  const wantReady = options.scenarios.includes('ready');
  say(`starting: ${RUNTIMES[name].describe}…`);
  let runtime: RunningRuntime;
  try {
    runtime = await startRuntime(RUNTIMES[name], hooks.cwd, hooks.rawServerFile, options.plan.idleInstanceMs);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? 'did not start';
    say(`did not start: ${(error as Error).message}`);
    failAll(
      [...(wantReady ? [{ scenario: 'ready' as const, clients: 0 }] : []), ...allRows],
      'failed',
      reason,
    );
    return outcomes;
  }
  try {
    say(`READY after ${runtime.readyMs.toFixed(0)} ms; waiting for it to go idle…`);
    await waitForIdle(runtime.pid, options.plan.idleTimeoutMs);
    const idle = treeRssBreakdown(runtime.pid);
    if (wantReady) {
      const measurement: Measurement = {
        scenario: 'ready',
        clients: 0,
        latenciesMs: [runtime.readyMs],
        rssMb: idle.totalMb,
        pssMb: idle.totalPssMb,
        lambdaPssEachMb: lambdaPssEachMb(idle.parts),
        breakdown: describeBreakdown(idle.parts),
        failures: 0,
      };
      outcomes.push({ runtime: name, repetition: rep, status: 'ok', measurement });
    }
    const wsUrl = runtime.ready.ws;
    if (!wsUrl) {
      say(
        'not available yet: its READY line has no "ws" (only the parts started so far); skipping its scenarios',
      );
      failAll(allRows, 'not-available', 'READY has no ws yet');
      return outcomes;
    }
    const ctx: Context = {
      runtime: name,
      wsUrl,
      pid: runtime.pid,
      readyRssMb: idle.totalMb,
      plan: options.plan,
      tag: `${rep}${Date.now().toString(36)}`,
      log: say,
    };
    for (const step of planned) {
      if (hooks.cancelled()) break;
      const label = step.produces
        .map((p) => `${p.scenario}${p.scenario === 'broadcast' ? ` N=${p.clients}` : ''}`)
        .join(' + ');
      say(`${label}…`);
      try {
        const measurements = await step.run(ctx);
        for (const m of measurements) {
          say(`${m.scenario}${m.scenario === 'broadcast' ? ` N=${m.clients}` : ''}: ${summary(m)}`);
          outcomes.push({ runtime: name, repetition: rep, status: 'ok', measurement: m });
        }
      } catch (error) {
        say(`${label} failed: ${(error as Error).message}`);
        failAll(step.produces, 'failed', (error as Error).message);
      }
      await waitForIdle(runtime.pid, options.plan.idleTimeoutMs);
    }
  } finally {
    say('stopping…');
    await runtime.stop();
  }
  return outcomes;
}

export type { Plan };
