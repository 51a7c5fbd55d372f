/**
 * `npm run pitfall -- <id> [--step] [--keep] [--lang ko|en]`: run one demo; exit 0 when the
 * symptom reproduced and the fix removed it. `--step` pauses before the fix (Enter goes on);
 * `--keep` leaves the stacks up until Ctrl+C.
 */
import './quiet-sdk-notice.ts';
import { createInterface } from 'node:readline/promises';
import { watchParent } from '../emulator/parent-watch.ts';
import { PITFALL_USAGE, PITFALL_USAGE_KO, parsePitfallArgs } from '../lessons/pitfalls/args.ts';
import { PITFALLS } from '../lessons/pitfalls/catalogue.ts';
import { runPitfall } from '../lessons/pitfalls/run-pitfall.ts';
import { errorLang } from '../lessons/runner/args.ts';
import { pick, tr } from '../lessons/runner/i18n.ts';

const parsed = parsePitfallArgs(process.argv.slice(2));
if (!parsed.ok) {
  const ko = errorLang(process.argv.slice(2)) === 'ko';
  const ids = PITFALLS.map((p) => p.id).join(', ');
  console.error(`npm run pitfall: ${ko ? parsed.error.ko : parsed.error.en}`);
  console.error(ko ? PITFALL_USAGE_KO : PITFALL_USAGE);
  console.error(
    ko ? `id: ${ids}  (npm run pitfalls가 설명합니다)` : `ids: ${ids}  (npm run pitfalls describes them)`,
  );
  process.exit(2);
}
// `kill <npm pid>` must not leave the demo's emulator behind: exit hooks take instances and JVM.
watchParent(() => process.exit(1));
const { id, step, keep, lang } = parsed.args;
if (step && !process.stdin.isTTY) {
  console.error(
    pick(
      tr(
        'npm run pitfall: --step waits for Enter, and there is no terminal to press it in.',
        'npm run pitfall: --step은 Enter를 기다리는데 누를 터미널이 없습니다.',
      ),
      lang,
    ),
  );
  process.exit(2);
}
const enter = async () => {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  await rl.question('');
  rl.close();
};
try {
  const run = await runPitfall(id, { lang, keep, ...(step ? { pause: enter } : {}) });
  if (run.kept.length === 0) process.exit(run.passed ? 0 : 1);
  console.log(pick(tr('Press Ctrl+C to stop them.', '멈추려면 Ctrl+C.'), lang));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 4500).unref();
    await Promise.all(run.kept.map((variant) => variant.stop()));
    process.exit(run.passed ? 0 : 1);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  console.error(`npm run pitfall: ${(error as Error).message}`);
  process.exit(2);
}
