/**
 * A player connects, as with `wscat -c URL`, to the workshop's code and then to its SDK v3
 * version. The learner's evidence: whether the connection opens, the log group, the User table.
 */
import { describeError } from '../../runner/checklist.ts';
import { brokenThenFixed, type VariantSpec } from '../kit/variant.ts';
import type { Demo } from '../types.ts';

interface Outcome {
  /** How the connection attempt ended, in the words wscat would use. */
  connection: string;
  connected: boolean;
  /** The log group's error lines. */
  errors: string[];
  userRows: number;
}

export const demo: Demo = async (ctx) => {
  const { broken, fixed } = await brokenThenFixed(
    ctx,
    'sdk-v2-runtime',
    play('broken', 'broken.cjs'),
    play('fixed', 'fixed.ts'),
  );
  const importError = broken.errors.find((line) => line.includes('Runtime.ImportModuleError'));
  return {
    broken: {
      ok:
        !broken.connected &&
        importError !== undefined &&
        /aws-sdk/.test(importError) &&
        broken.userRows === 0,
      observed: `${broken.connection}; the log group says: ${importError ?? broken.errors[0] ?? 'nothing'}; User has ${broken.userRows} rows`,
    },
    fixed: {
      ok: fixed.connected && fixed.errors.length === 0 && fixed.userRows === 1,
      observed: `${fixed.connection}; no errors in the log group; User has ${fixed.userRows} row`,
    },
  };
};

function play(label: 'broken' | 'fixed', entry: string): VariantSpec<Outcome> {
  return {
    label,
    entry,
    run: async (v) => {
      v.say('a player connects (wscat -c URL)');
      let connection = 'the connection opened';
      let connected = true;
      try {
        await v.connect('wscat');
      } catch (error) {
        connected = false;
        connection = describeError(error);
      }
      v.say(connection);
      const errors = v.logs().flatMap((l) => errorLine(l.message) ?? []);
      for (const line of errors) v.say(`log: ${line}`);
      const userRows = (await v.db.scanAll('User')).length;
      v.say(`User has ${userRows} row(s)`);
      return { connection, connected, errors, userRows };
    },
  };
}

/**
 * `<time>\t<requestId>\tERROR\tInvoke Error \t{"errorType":…,"errorMessage":…}` as one short
 * line: what a learner reads off the CloudWatch console without expanding the stack.
 */
function errorLine(message: string): string | undefined {
  const [, , level, rest = ''] = message.split('\t');
  if (level !== 'ERROR') return undefined;
  const json = rest.indexOf('{');
  try {
    const error = JSON.parse(message.slice(message.indexOf('{', message.indexOf('ERROR')))) as {
      errorType?: string;
      errorMessage?: string;
    };
    const text = (error.errorMessage ?? '').split('\n')[0];
    return `${rest.slice(0, json).trim()}: ${error.errorType}: ${text}`;
  } catch {
    return rest.split('\n')[0];
  }
}
