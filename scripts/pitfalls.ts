/** `npm run pitfalls`: the catalogue of things the 2019 workshop hit, one demo each. */
import './quiet-sdk-notice.ts';
import { existsSync } from 'node:fs';
import { PITFALLS } from '../lessons/pitfalls/catalogue.ts';
import { demoPath } from '../lessons/pitfalls/run-pitfall.ts';

console.log(`초성퀴즈 workbench — ${PITFALLS.length} pitfalls. Run one: npm run pitfall -- <id>\n`);
const width = Math.max(...PITFALLS.map((p) => p.id.length));
for (const pitfall of PITFALLS) {
  const ready = existsSync(demoPath(pitfall.id)) ? '' : '  (demo not written yet)';
  console.log(`  ${pitfall.id.padEnd(width)}  [lesson ${pitfall.lesson}] ${pitfall.title.en}${ready}`);
  console.log(`  ${' '.repeat(width)}  ${pitfall.title.ko}`);
  console.log(`  ${' '.repeat(width)}  symptom: ${pitfall.symptom.en}`);
}
