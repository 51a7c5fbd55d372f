/**
 * A player connects, as with `wscat -c URL`, to the workshop's code and then to its SDK v3
 * version. The learner's evidence: whether the connection opens, the log group, the User table.
 */
import { describeError } from '../../runner/checklist.ts';
import { pick, type Text, tr } from '../../runner/i18n.ts';
import { brokenThenFixed, type VariantSpec } from '../kit/variant.ts';
import type { Demo } from '../types.ts';

interface Outcome {
  /** How the connection attempt ended, in the words wscat would use. */
  connection: Text;
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
      observed: tr(
        `${broken.connection.en}; the log group says: ${importError ?? broken.errors[0] ?? 'nothing'}; User has ${broken.userRows} rows`,
        `${broken.connection.ko}; 로그 그룹: ${importError ?? broken.errors[0] ?? '없음'}; User 행 ${broken.userRows}개`,
      ),
    },
    fixed: {
      ok: fixed.connected && fixed.errors.length === 0 && fixed.userRows === 1,
      observed: tr(
        `${fixed.connection.en}; no errors in the log group; User has ${fixed.userRows} row`,
        `${fixed.connection.ko}; 로그 그룹에 오류 없음; User 행 ${fixed.userRows}개`,
      ),
    },
  };
};

function play(label: 'broken' | 'fixed', entry: string): VariantSpec<Outcome> {
  return {
    label,
    entry,
    run: async (v) => {
      v.say(tr('a player connects (wscat -c URL)', '플레이어가 접속합니다 (wscat -c URL)'));
      let connection = tr('the connection opened', '연결이 열렸습니다');
      let connected = true;
      try {
        await v.connect('wscat');
      } catch (error) {
        connected = false;
        const refused = describeError(error);
        connection = tr(pick(refused, 'en'), `연결하지 못했습니다: ${pick(refused, 'ko')}`);
      }
      v.say(connection);
      const errors = v.logs().flatMap((l) => errorLine(l.message) ?? []);
      for (const line of errors) v.say(tr(`log: ${line}`, `로그: ${line}`));
      const userRows = (await v.db.scanAll('User')).length;
      v.say(tr(`User has ${userRows} row(s)`, `User 행 ${userRows}개`));
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
