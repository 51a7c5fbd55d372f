/** `npm run pitfall -- <id>`: run one demo; exit 0 when the symptom reproduced and the fix removed it. */
import './quiet-sdk-notice.ts';
import { watchParent } from '../emulator/parent-watch.ts';
import { PITFALLS } from '../lessons/pitfalls/catalogue.ts';
import { runPitfall } from '../lessons/pitfalls/run-pitfall.ts';

const id = process.argv[2];
if (!id || id.startsWith('-')) {
  console.error('npm run pitfall: which one? usage: npm run pitfall -- <id>');
  console.error(`ids: ${PITFALLS.map((p) => p.id).join(', ')}  (npm run pitfalls describes them)`);
  process.exit(2);
}
// `kill <npm pid>` must not leave the demo's emulator behind: exit hooks take instances and JVM.
watchParent(() => process.exit(1));
try {
  const run = await runPitfall(id);
  process.exit(run.passed ? 0 : 1);
} catch (error) {
  console.error(`npm run pitfall: ${(error as Error).message}`);
  process.exit(2);
}
