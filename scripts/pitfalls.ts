/** `npm run pitfalls [-- --lang ko|en]`: the catalogue of things the 2019 workshop hit, one demo each. */
import './quiet-sdk-notice.ts';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PITFALLS } from '../lessons/pitfalls/catalogue.ts';
import { demoPath } from '../lessons/pitfalls/run-pitfall.ts';
import { detectLang, isLang, type Lang, pick, tr } from '../lessons/runner/i18n.ts';

const { values } = parseArgs({ options: { lang: { type: 'string' } }, strict: true });
const lang: Lang = values.lang !== undefined && isLang(values.lang) ? values.lang : detectLang();
const other: Lang = lang === 'ko' ? 'en' : 'ko';

console.log(
  pick(
    tr(
      `초성퀴즈 workbench — ${PITFALLS.length} pitfalls. Run one: npm run pitfall -- <id> [--step] [--keep]\n`,
      `초성퀴즈 workbench — 함정 ${PITFALLS.length}개. 실행: npm run pitfall -- <id> [--step] [--keep]\n`,
    ),
    lang,
  ),
);
const width = Math.max(...PITFALLS.map((p) => p.id.length));
for (const pitfall of PITFALLS) {
  const ready = existsSync(demoPath(pitfall.id))
    ? ''
    : pick(tr('  (demo not written yet)', '  (데모 없음)'), lang);
  const lesson = pick(tr(`lesson ${pitfall.lesson}`, `${pitfall.lesson}강`), lang);
  console.log(`  ${pitfall.id.padEnd(width)}  [${lesson}] ${pitfall.title[lang]}${ready}`);
  console.log(`  ${' '.repeat(width)}  ${pitfall.title[other]}`);
  console.log(`  ${' '.repeat(width)}  ${pick(tr('symptom', '증상'), lang)}: ${pitfall.symptom[lang]}`);
}
