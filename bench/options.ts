/** Command-line options of `npm run bench`, with the two presets (full and --quick). */
import { RUNTIME_NAMES, type RuntimeName } from './runtimes.ts';
import { type Plan, SCENARIO_NAMES, type ScenarioName } from './scenarios/types.ts';

export const FULL: Plan = {
  repetitions: 5,
  connectSamples: 100,
  echoSamples: 200,
  broadcastSizes: [10, 100, 1000],
  broadcastSamples: 20,
  raceClients: 30,
  raceRounds: 10,
  capacity: 1000,
  connectRate: 500,
  setupConcurrency: 50,
  sampleTimeoutMs: 30_000,
};

export const QUICK: Plan = {
  ...FULL,
  repetitions: 2,
  connectSamples: 20,
  echoSamples: 30,
  broadcastSamples: 5,
  raceRounds: 3,
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

  --quick               a run under 3 minutes (${QUICK.repetitions} repetitions, fewer samples)
  --runtimes a,b        any of ${RUNTIME_NAMES.join(', ')} (default: all)
  --scenarios x,y       any of ${SCENARIO_NAMES.join(', ')} (default: all)
  --json FILE           write {"results":[…]} to FILE
  --markdown FILE       write the table as Markdown (for BENCHMARKS.md)
  --repetitions N       repetitions of the whole matrix (default ${FULL.repetitions})
  --samples N           samples per scenario and repetition (connect, echo, broadcast, race rounds)
  --clients N,M         broadcast room sizes (default ${FULL.broadcastSizes.join(',')})
  --race-clients N      players in the race (default ${FULL.raceClients})
  --connections N       connections opened and held by connect-rate/memory (default ${FULL.capacity})
  --rate N              target connects per second (default ${FULL.connectRate})`;

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
        Object.assign(plan, { connectSamples: n, echoSamples: n, broadcastSamples: n, raceRounds: n });
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
      default:
        throw new UsageError(`unknown option "${flag}"`);
    }
  }
  return options;
}
