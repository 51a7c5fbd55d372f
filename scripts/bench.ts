/**
 * `npm run bench`: every scenario on every runtime in one run, interleaved, then a table with ratios
 * to serverless-offline and to the raw ws floor. See BENCHMARKS.md for what each number means.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { buildRawServer } from '../bench/build-raw-server.ts';
import { describeMachine } from '../bench/machine.ts';
import { parseOptions, USAGE, UsageError } from '../bench/options.ts';
import { checkGoals, consoleTable, goalsText, markdownTable } from '../bench/report.ts';
import { summarize } from '../bench/results.ts';
import { runMatrix } from '../bench/run.ts';
import { RUNTIME_NAMES } from '../bench/runtimes.ts';
import { SCENARIO_NAMES } from '../bench/scenarios/types.ts';

const say = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  const repo = resolve(import.meta.dirname, '..');
  const machine = describeMachine();
  say(
    `${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GB, Node ${machine.node}, ${machine.java}; commit ${machine.commit}; load ${machine.load_at_start}`,
  );
  say(
    `${options.quick ? 'quick run' : 'full run'}: ${options.plan.repetitions} repetitions × runtimes ${options.runtimes.join(', ')}; scenarios ${options.scenarios.join(', ')}`,
  );
  say("the driver and the runtimes share this machine's cores: ratios are fairer than absolute numbers.");

  let cancelled = false;
  process.on('SIGINT', () => {
    if (cancelled) process.exit(130);
    cancelled = true;
    say('Ctrl+C: finishing the current step and stopping the runtime (Ctrl+C again to quit at once)…');
  });

  say('bundling the raw ws floor server…');
  const raw = await buildRawServer();
  const started = Date.now();
  let outcomes: Awaited<ReturnType<typeof runMatrix>>;
  try {
    outcomes = await runMatrix(options, {
      cwd: repo,
      rawServerFile: raw.file,
      log: say,
      cancelled: () => cancelled,
    });
  } finally {
    raw.remove();
  }
  const rows = summarize(outcomes, SCENARIO_NAMES, RUNTIME_NAMES);
  const goals = checkGoals(rows);
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log('');
  console.log(consoleTable(rows));
  console.log('');
  console.log('Goals (emulator on DynamoDB Local):');
  console.log(goalsText(goals));
  console.log('');
  say(
    `done in ${minutes} min. p50 = median of the repetitions' medians; p99 over all samples; ratios compare p50 (RSS for memory).`,
  );

  const report = {
    results: rows,
    goals,
    machine,
    plan: options.plan,
    quick: options.quick,
    date: new Date().toISOString(),
    load_at_end: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    minutes: Number(minutes),
  };
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    say(`wrote ${options.json}`);
  }
  if (options.markdown) {
    writeFileSync(options.markdown, `${markdownTable(rows)}\n`);
    say(`wrote ${options.markdown}`);
  }
  if (cancelled) process.exit(130);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`npm run bench: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`npm run bench failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
