/** The command line of the scripts that read what an emulator wrote (`npm run logs`, `npm run trace`). */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { parseSince } from '../emulator/logs/since.ts';

/**
 * The options and the --since time, or the exit code when there is nothing to run: 0 after
 * --help (the usage printed), 2 after an unknown option or a bad --since (the problem printed).
 */
export function readOptions<V extends { since?: string; help?: boolean }>(
  options: NonNullable<ParseArgsConfig['options']>,
  usage: string,
): { values: V; since: number | undefined } | number {
  let values: V;
  try {
    values = parseArgs({ options, allowPositionals: false }).values as V;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  try {
    return { values, since: values.since === undefined ? undefined : parseSince(values.since) };
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
}
