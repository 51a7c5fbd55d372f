/** Command-line options of `npm run pitfall`, parsed apart from running so they can be tested. */
import { parseArgs } from 'node:util';
import { detectLang, isLang, type Lang } from '../runner/i18n.ts';

export interface PitfallArgs {
  id: string;
  /** Pause before the fix until Enter. */
  step: boolean;
  /** Leave each variant's stack up, with its URLs. */
  keep: boolean;
  lang: Lang;
}

export const PITFALL_USAGE = 'usage: npm run pitfall -- <id> [--step] [--keep] [--lang ko|en]';

export function parsePitfallArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { ok: true; args: PitfallArgs } | { ok: false; error: string } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    const unknown = /Unknown option '([^']+)'/.exec((error as Error).message);
    return { ok: false, error: unknown ? `unknown option ${unknown[1]}` : (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) return { ok: false, error: 'which one? give a pitfall id' };
  if (positionals.length > 1)
    return { ok: false, error: `one id at a time, not ${positionals.join(' and ')}` };
  if (values.lang !== undefined && !isLang(values.lang))
    return { ok: false, error: `--lang takes ko or en, not ${values.lang}` };
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
