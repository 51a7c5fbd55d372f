/**
 * Runs one pitfall demo and narrates it: the broken variant, the symptom, the cause, the fix.
 * Instructor mode: `step` pauses before the fix, `keep` leaves the stacks up; the files of the
 * demo and a short diff of broken against fixed are printed for the room.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeError } from '../runner/checklist.ts';
import { shownPath } from '../runner/function-errors.ts';
import { join as joinMsg, type Lang, pick, tr } from '../runner/i18n.ts';
import { findPitfall, PITFALLS } from './catalogue.ts';
import { brokenFixedPair, demoFiles, shortDiff } from './files.ts';
import { type Demo, type DemoContext, DemoError, type DemoReport, type KeptVariant } from './types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

export function demoPath(id: string): string {
  return join(HERE, id, 'demo.ts');
}

export interface PitfallRun {
  report: DemoReport;
  /** The symptom reproduced with the broken variant and was gone with the fix. */
  passed: boolean;
  /** The stacks left up by `keep`, each with its URLs and how to stop it. */
  kept: KeptVariant[];
}

export interface PitfallOptions {
  print?: (text: string) => void;
  engine?: DemoContext['engine'];
  lang?: Lang;
  /** Called before the fix; resolves when the instructor goes on (Enter). */
  pause?: (nextLabel: string) => Promise<void>;
  keep?: boolean;
}

export async function runPitfall(id: string, options: PitfallOptions = {}): Promise<PitfallRun> {
  const print = options.print ?? ((text: string) => console.log(text));
  const lang = options.lang ?? 'en';
  const say = (en: string, ko: string) => print(pick(tr(en, ko), lang));
  const pitfall = findPitfall(id);
  if (!pitfall) {
    const known = PITFALLS.map((p) => p.id).join(', ');
    throw new Error(
      pick(
        tr(
          `no pitfall "${id}". Known ids: ${known} (npm run pitfalls)`,
          `"${id}"라는 함정은 없습니다. 있는 것: ${known} (npm run pitfalls)`,
        ),
        lang,
      ),
    );
  }
  const file = demoPath(id);
  if (!existsSync(file))
    throw new Error(
      pick(
        tr(
          `the demo for "${id}" is not written yet (${file} is missing).`,
          `"${id}"의 데모가 아직 없습니다 (${file} 없음).`,
        ),
        lang,
      ),
    );
  const other: Lang = lang === 'ko' ? 'en' : 'ko';
  say(
    `Pitfall ${pitfall.id} (lesson ${pitfall.lesson}): ${pitfall.title.en}`,
    `함정 ${pitfall.id} (${pitfall.lesson}강): ${pitfall.title.ko}`,
  );
  print(`                ${pitfall.title[other]}`);
  say(`Expected symptom: ${pitfall.symptom.en}`, `예상 증상: ${pitfall.symptom.ko}`);
  printFiles(dirname(file), lang, print);
  print('');
  say('1) the broken variant…', '1) 잘못된 버전…');
  // The cause and the fix's heading come as the fixed variant begins, so its lines sit under it.
  let fixHeading = false;
  const headFix = () => {
    if (fixHeading) return;
    fixHeading = true;
    print('');
    say(`Why: ${pitfall.cause.en}`, `원인: ${pitfall.cause.ko}`);
    print(`     ${pitfall.cause[other]}`);
    print('');
    say(`2) the fix: ${pitfall.fix.en}`, `2) 해결: ${pitfall.fix.ko}`);
  };
  const { demo } = (await import(pathToFileURL(file).href)) as { demo: Demo };
  const kept: KeptVariant[] = [];
  let report: DemoReport;
  try {
    report = await demo({
      log: (line) => print(`   … ${pick(line, lang)}`),
      section: (index) => {
        if (index > 0) headFix();
      },
      ...(options.engine ? { engine: options.engine } : {}),
      ...(options.pause
        ? {
            pause: async (next: string) => {
              say(
                `   ⏸ next: the "${next}" run. Press Enter to go on.`,
                `   ⏸ 다음: "${next}" 실행. 계속하려면 Enter.`,
              );
              await options.pause?.(next);
            },
          }
        : {}),
      ...(options.keep ? { keep: (variant: KeptVariant) => kept.push(variant) } : {}),
    });
  } catch (error) {
    const why = error instanceof DemoError ? error.text : describeError(error);
    const observed = joinMsg([tr('the demo could not run: ', '데모를 실행하지 못했습니다: '), why]);
    report = { broken: { ok: false, observed }, fixed: { ok: false, observed } };
  }
  headFix();
  print('');
  say('What the runs showed:', '실행 결과:');
  print(
    `   ${report.broken.ok ? pick(tr('✓ symptom reproduced', '✓ 증상 재현됨'), lang) : pick(tr('✗ symptom did NOT reproduce', '✗ 증상이 재현되지 않음'), lang)}: ${pick(report.broken.observed, lang)}`,
  );
  print(
    `   ${report.fixed.ok ? pick(tr('✓ the fix works', '✓ 해결이 통함'), lang) : pick(tr('✗ the fix did NOT remove the symptom', '✗ 해결 후에도 증상이 남음'), lang)}: ${pick(report.fixed.observed, lang)}`,
  );
  const passed = report.broken.ok && report.fixed.ok;
  print('');
  say(
    passed ? 'Demo complete: symptom reproduced, fix verified.' : 'Demo incomplete: see the ✗ line above.',
    passed ? '데모 완료: 증상을 재현하고 해결을 확인했습니다.' : '데모 미완료: 위의 ✗ 줄을 보세요.',
  );
  if (kept.length > 0) printKept(kept, lang, print);
  return { report, passed, kept };
}

function printFiles(dir: string, lang: Lang, print: (text: string) => void): void {
  print(pick(tr('Files of this demo:', '이 데모의 파일:'), lang));
  for (const path of demoFiles(dir)) print(`  ${shownPath(path)}`);
  const pair = brokenFixedPair(dir);
  if (!pair) return;
  print(
    pick(
      tr(
        `What the fix changes (${shownPath(pair[0])} → ${shownPath(pair[1])}):`,
        `해결이 바꾸는 것 (${shownPath(pair[0])} → ${shownPath(pair[1])}):`,
      ),
      lang,
    ),
  );
  for (const line of shortDiff(pair[0], pair[1])) print(`  ${line}`);
}

function printKept(kept: KeptVariant[], lang: Lang, print: (text: string) => void): void {
  print('');
  print(pick(tr('The stacks stay up (--keep):', '스택이 계속 떠 있습니다 (--keep):'), lang));
  for (const variant of kept) {
    print(`  [${variant.label}]`);
    for (const [name, url] of Object.entries(variant.urls)) if (url) print(`    ${name.padEnd(11)} ${url}`);
    print(`    ${'logs'.padEnd(11)} npm run logs -- --dir ${variant.logsDir} --follow`);
  }
}
