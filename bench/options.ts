/** Command-line options of `npm run bench`, with the two presets (full and --quick). */
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
  --idle-timeout MS     longest wait for a runtime to go quiet between steps (default ${FULL.idleTimeoutMs})`;

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
  const quick = argv.includes('--quick');
  const plan: Plan = { ...(quick ? QUICK : FULL) };
  const options: Options = { plan, quick, runtimes: [...RUNTIME_NAMES], scenarios: [...SCENARIO_NAMES] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--runtimes':
        options.runtimes = list(value(), RUNTIME_NAMES, 'runtime');
        break;
      case '--scenarios':
        options.scenarios = list(value(), SCENARIO_NAMES, 'scenario');
        break;
      case '--json':
        options.json = value();
        break;
      case '--markdown':
        options.markdown = value();
        break;
      case '--repetitions':
        plan.repetitions = positive(value(), flag);
        break;
      case '--samples': {
        const n = positive(value(), flag);
        Object.assign(plan, {
          connectSamples: n,
          echoSamples: n,
          broadcastSamples: n,
          raceRounds: n,
          floodSamples: n,
        });
        break;
      }
      case '--clients':
        plan.broadcastSizes = value()
          .split(',')
          .map((v) => positive(v, flag));
        break;
      case '--race-clients':
        plan.raceClients = positive(value(), flag);
        break;
      case '--connections':
        plan.capacity = positive(value(), flag);
        break;
      case '--rate':
        plan.connectRate = positive(value(), flag);
        break;
      case '--flood':
        plan.floodMessages = positive(value(), flag);
        break;
      case '--idle-timeout':
        plan.idleTimeoutMs = positive(value(), flag);
        break;
      default:
        throw new UsageError(`unknown option "${flag}"`);
    }
  }
  return options;
}
