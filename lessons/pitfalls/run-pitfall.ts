/** Runs one pitfall demo and narrates it: the broken variant, the symptom, the cause, the fix. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeError } from '../runner/checklist.ts';
import { findPitfall, PITFALLS } from './catalogue.ts';
import type { Demo, DemoContext, DemoReport } from './types.ts';

const HERE = dirname(fileURLToPath(import.meta.url));

export function demoPath(id: string): string {
  return join(HERE, id, 'demo.ts');
}

export interface PitfallRun {
  report: DemoReport;
  /** The symptom reproduced with the broken variant and was gone with the fix. */
  passed: boolean;
}

export async function runPitfall(
  id: string,
  options: { print?: (text: string) => void; engine?: DemoContext['engine'] } = {},
): Promise<PitfallRun> {
  const print = options.print ?? ((text: string) => console.log(text));
  const pitfall = findPitfall(id);
  if (!pitfall) {
    throw new Error(
      `no pitfall "${id}". Known ids: ${PITFALLS.map((p) => p.id).join(', ')} (npm run pitfalls)`,
    );
  }
  const file = demoPath(id);
  if (!existsSync(file)) throw new Error(`the demo for "${id}" is not written yet (${file} is missing).`);
  print(`Pitfall ${pitfall.id} (lesson ${pitfall.lesson}): ${pitfall.title.en}`);
  print(`                ${pitfall.title.ko}`);
  print(`Expected symptom: ${pitfall.symptom.en}`);
  print('');
  print('1) the broken variant…');
  const { demo } = (await import(pathToFileURL(file).href)) as { demo: Demo };
  let report: DemoReport;
  try {
    report = await demo({
      log: (line) => print(`   … ${line}`),
      ...(options.engine ? { engine: options.engine } : {}),
    });
  } catch (error) {
    const observed = `the demo could not run: ${describeError(error)}`;
    report = { broken: { ok: false, observed }, fixed: { ok: false, observed } };
  }
  print(
    `   ${report.broken.ok ? '✓ symptom reproduced' : '✗ symptom did NOT reproduce'}: ${report.broken.observed}`,
  );
  print('');
  print(`Why: ${pitfall.cause.en}`);
  print(`     ${pitfall.cause.ko}`);
  print('');
  print(`2) the fix: ${pitfall.fix.en}`);
  print(
    `   ${report.fixed.ok ? '✓ the fix works' : '✗ the fix did NOT remove the symptom'}: ${report.fixed.observed}`,
  );
  const passed = report.broken.ok && report.fixed.ok;
  print('');
  print(
    passed ? 'Demo complete: symptom reproduced, fix verified.' : 'Demo incomplete: see the ✗ line above.',
  );
  return { report, passed };
}
