/** Command-line options of `npm run pitfall`, parsed apart from running so they can be tested. */
import { parseArgs } from 'node:util';
import { detectLang, isLang, type Lang, type Text, tr } from '../runner/i18n.ts';

export interface PitfallArgs {
  id: string;
  /** Pause before the fix until Enter. */
  step: boolean;
  /** Leave each variant's stack up, with its URLs. */
  keep: boolean;
  lang: Lang;
}

export const PITFALL_USAGE = 'usage: npm run pitfall -- <id> [--step] [--keep] [--lang ko|en]';
export const PITFALL_USAGE_KO = '사용법: npm run pitfall -- <id> [--step] [--keep] [--lang ko|en]';

export function parsePitfallArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { ok: true; args: PitfallArgs } | { ok: false; error: Text } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    return {
      ok: false,
      error: unknown
        ? tr(`unknown option ${unknown[1]}`, `모르는 옵션 ${unknown[1]}`)
        : tr(message, `잘못된 인자: ${message}`),
    };
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0)
    return { ok: false, error: tr('which one? give a pitfall id', '어느 함정인가요? id를 주세요') };
  if (positionals.length > 1)
    return {
      ok: false,
      error: tr(
        `one id at a time, not ${positionals.join(' and ')}`,
        `id는 한 번에 하나만: ${positionals.join(', ')}`,
      ),
    };
  if (values.lang !== undefined && !isLang(values.lang))
    return {
      ok: false,
      error: tr(
        `--lang takes ko or en, not ${values.lang}`,
        `--lang에는 ko나 en을 주세요 (받은 값: ${values.lang})`,
      ),
    };
  return {
    ok: true,
    args: {
      id: positionals[0] ?? '',
      step: values.step ?? false,
      keep: values.keep ?? false,
      lang: values.lang !== undefined && isLang(values.lang) ? values.lang : detectLang(env),
    },
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { step: { type: 'boolean' }, keep: { type: 'boolean' }, lang: { type: 'string' } },
  });
}
