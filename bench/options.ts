/** Command-line options of `npm run bench`, with the two presets (full and --quick). */
import { parseArgs } from 'node:util';
import { RUNTIME_NAMES, type RuntimeName } from './runtimes.ts';
import { type Plan, SCENARIO_NAMES, type ScenarioName } from './scenarios/types.ts';

/**
 * The full run: 3 repetitions of every scenario on every runtime, interleaved. Sample counts are
 * what fits 3 repetitions in about 15 minutes on 2 cores: serverless-offline's rooms of 1000 and
 * its race dominate the time.
 */
export const FULL: Plan = {
  repetitions: 3,
  connectSamples: 30,
  echoSamples: 50,
  broadcastSizes: [10, 100, 1000],
  broadcastSamples: 10,
  raceClients: 30,
  raceRounds: 3,
  capacity: 1000,
  connectRate: 500,
  floodMessages: 2000,
  floodSamples: 30,
  // Rooms fill 25 joins at a time. Far more would mostly measure how serverless-offline copes
  // with a burst of cold workers (one per concurrent invocation), which is not what the step is for.
  setupConcurrency: 25,
  sampleTimeoutMs: 30_000,
  handshakeTimeoutMs: 30_000,
  idleTimeoutMs: 10_000,
  // Longer than any pause between two steps (a quiet wait is at most 10 s), so no step pays a
  // cold start the previous one did not leave it.
  idleInstanceMs: 30_000,
};

/**
 * A smoke run under 3 minutes: every scenario once on every runtime, rooms of 10 and 100 only,
 * few samples, shorter deadlines. Its numbers are indicative; the full run is the one to quote.
 */
export const QUICK: Plan = {
  ...FULL,
  repetitions: 1,
  connectSamples: 20,
  echoSamples: 30,
  broadcastSizes: [10, 100],
  broadcastSamples: 5,
  raceRounds: 2,
  floodMessages: 500,
  floodSamples: 15,
  sampleTimeoutMs: 10_000,
  idleTimeoutMs: 3_000,
};

export interface Options {
  plan: Plan;
  quick: boolean;
  runtimes: RuntimeName[];
  scenarios: ScenarioName[];
  json?: string;
  markdown?: string;
}

export const USAGE = `npm run bench -- [options]

  --quick               a smoke run under 3 minutes (${QUICK.repetitions} repetition, rooms of ${QUICK.broadcastSizes.join(' and ')}, fewer samples)
  --runtimes a,b        any of ${RUNTIME_NAMES.join(', ')} (default: all)
  --scenarios x,y       any of ${SCENARIO_NAMES.join(', ')} (default: all)
  --json FILE           write {"results":[…]} to FILE
  --markdown FILE       write the table as Markdown (for BENCHMARKS.md)
  --repetitions N       repetitions of the whole matrix (default ${FULL.repetitions})
  --samples N           samples per scenario and repetition (connect, echo, broadcast, race rounds, flood)
  --clients N,M         broadcast room sizes (default ${FULL.broadcastSizes.join(',')})
  --race-clients N      players in the race (default ${FULL.raceClients})
  --connections N       connections opened and held by connect-rate/memory (default ${FULL.capacity})
  --rate N              target connects per second (default ${FULL.connectRate})
  --flood N             messages the flooding socket sends (default ${FULL.floodMessages})
  --idle-timeout MS     longest wait for a runtime to go quiet between steps (default ${FULL.idleTimeoutMs})
  --idle-instance-ms MS the emulator reclaims a Lambda instance idle this long (default ${FULL.idleInstanceMs});
                        the reclaim step waits for it

  Scenario "lesson" times npm run lesson:4 -- --solution once per repetition (emulator runtime only);
  "reclaim" runs on the emulator runtimes only.`;

export class UsageError extends Error {}

function list<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of items)
    if (!allowed.includes(item as T))
      throw new UsageError(`unknown ${what} "${item}"; pick from ${allowed.join(', ')}`);
  if (items.length === 0) throw new UsageError(`--${what}s needs at least one name`);
  return items as T[];
}

function positive(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} needs a positive whole number, not "${value ?? ''}"`);
  return n;
}

export function parseOptions(argv: readonly string[]): Options {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const quick = values.quick ?? false;
  const plan: Plan = { ...(quick ? QUICK : FULL) };
  const options: Options = { plan, quick, runtimes: [...RUNTIME_NAMES], scenarios: [...SCENARIO_NAMES] };
  if (values.runtimes !== undefined) options.runtimes = list(values.runtimes, RUNTIME_NAMES, 'runtime');
  if (values.scenarios !== undefined) options.scenarios = list(values.scenarios, SCENARIO_NAMES, 'scenario');
  if (values.json !== undefined) options.json = values.json;
  if (values.markdown !== undefined) options.markdown = values.markdown;
  if (values.repetitions !== undefined) plan.repetitions = positive(values.repetitions, '--repetitions');
  if (values.samples !== undefined) {
    const n = positive(values.samples, '--samples');
    Object.assign(plan, {
      connectSamples: n,
      echoSamples: n,
      broadcastSamples: n,
      raceRounds: n,
      floodSamples: n,
    });
  }
  if (values.clients !== undefined)
    plan.broadcastSizes = values.clients.split(',').map((v) => positive(v, '--clients'));
  if (values['race-clients'] !== undefined)
    plan.raceClients = positive(values['race-clients'], '--race-clients');
  if (values.connections !== undefined) plan.capacity = positive(values.connections, '--connections');
  if (values.rate !== undefined) plan.connectRate = positive(values.rate, '--rate');
  if (values.flood !== undefined) plan.floodMessages = positive(values.flood, '--flood');
  if (values['idle-timeout'] !== undefined)
    plan.idleTimeoutMs = positive(values['idle-timeout'], '--idle-timeout');
  if (values['idle-instance-ms'] !== undefined)
    plan.idleInstanceMs = positive(values['idle-instance-ms'], '--idle-instance-ms');
  return options;
}

function parse(argv: readonly string[]) {
  const text = { type: 'string' } as const;
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean' },
      runtimes: text,
      scenarios: text,
      json: text,
      markdown: text,
      repetitions: text,
      samples: text,
      clients: text,
      'race-clients': text,
      connections: text,
      rate: text,
      flood: text,
      'idle-timeout': text,
      'idle-instance-ms': text,
    },
  });
}
