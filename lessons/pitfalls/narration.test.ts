/**
 * Every line a pitfall demo prints exists in Korean and English (issue 17). Running all demos
 * takes minutes, so this reads their source with TypeScript's type checker instead: each line a
 * demo hands to the room (`ctx.log(…)`, `v.say(…)`, an `observed` of its report, an error it
 * throws) must be typed `Text`, a `{ en, ko }` pair. A plain string, or a `Msg` that may be one,
 * is an English-only line.
 *
 * TypeScript 7, the project's compiler, ships no stable JavaScript API; TypeScript 6 (the
 * `typescript-for-typedoc` devDependency `npm run docs` uses) reads the same code.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript-for-typedoc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PITFALLS } from './catalogue.ts';
import { demoPath } from './run-pitfall.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const KIT = join(import.meta.dirname, 'kit', 'variant.ts');
const I18N = join(import.meta.dirname, '..', 'runner', 'i18n.ts');

interface Finding {
  file: string;
  /** How many printed lines the file hands over. */
  lines: number;
  /** The English-only ones: `line: code (its type)`. */
  englishOnly: string[];
}

/** What a broken demo would look like, so the check is seen to catch one. */
const COUNTER_EXAMPLE = `
import { tr } from ${JSON.stringify(I18N)};
declare const v: { say(line: string | { en: string; ko: string }): void };
declare const ctx: { log(line: string | { en: string; ko: string }): void };
const observed = 'nobody came';
v.say('a player connects');
v.say(tr('a player connects', '플레이어가 접속합니다'));
ctx.log(\`\${1} row\`);
export const report = { ok: true, observed };
export const other = { ok: true, observed: tr('x', '엑스') };
throw new Error('English only');
`;

function inspect(files: string[]): Finding[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  return files.map((file) => {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    const finding: Finding = { file, lines: 0, englishOnly: [] };
    const judge = (node: ts.Node) => {
      finding.lines++;
      const type = checker.getTypeAtLocation(node);
      const parts = type.isUnion() ? type.types : [type];
      if (parts.some((part) => (part.flags & ts.TypeFlags.StringLike) !== 0)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        const code = node.getText(source).replace(/\s+/g, ' ').slice(0, 100);
        finding.englishOnly.push(`${line}: ${code} (${checker.typeToString(type)})`);
      }
    };
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['say', 'log'].includes(node.expression.name.text) &&
        node.expression.expression.getText(source) !== 'console' &&
        node.arguments[0]
      ) {
        judge(node.arguments[0]);
      } else if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'observed') {
        judge(node.initializer);
      } else if (ts.isShorthandPropertyAssignment(node) && node.name.text === 'observed') {
        judge(node.name);
      } else if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'Error'
      ) {
        // Printed as "the demo could not run: …"; a DemoError carries both languages.
        finding.lines++;
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        finding.englishOnly.push(`${line}: ${node.getText(source).slice(0, 100)} (use DemoError)`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return finding;
  });
}

describe('pitfall demos speak Korean and English', () => {
  const demos = PITFALLS.map((p) => demoPath(p.id)).filter((file) => existsSync(file));
  let dir = '';
  let counterExample = '';
  let findings: Finding[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pitfall-narration-'));
    counterExample = join(dir, 'english-only-demo.ts');
    writeFileSync(counterExample, COUNTER_EXAMPLE);
    // One program for all: building it is most of the time.
    findings = inspect([...demos, KIT, counterExample]);
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('inspects every demo of the catalogue and the kit', () => {
    // Each catalogued pitfall has its demo; a missing one would shrink what is checked.
    expect(demos.length).toBe(PITFALLS.length);
    const inspected = findings.filter((f) => f.file !== counterExample);
    expect(inspected.map((f) => f.file).sort()).toEqual([...demos, KIT].sort());
    // Every demo narrates and reports (the kit hands its lines to ctx.log); a file seen saying
    // nothing means the search missed its lines.
    for (const finding of inspected)
      expect(finding.lines, finding.file).toBeGreaterThanOrEqual(finding.file === KIT ? 1 : 2);
    expect(inspected.reduce((sum, f) => sum + f.lines, 0)).toBeGreaterThan(100);
  });

  it('finds no English-only line in any of them', () => {
    const englishOnly = findings
      .filter((f) => f.file !== counterExample && f.englishOnly.length > 0)
      .map((f) => `${f.file.slice(ROOT.length + 1)}\n  ${f.englishOnly.join('\n  ')}`);
    expect(englishOnly, 'lines without tr(en, ko)').toEqual([]);
  });

  it('catches the English-only lines of a demo written that way', () => {
    const caught = findings.find((f) => f.file === counterExample);
    expect(caught?.lines).toBe(6);
    expect(caught?.englishOnly.map((line) => line.split(':')[0])).toEqual(['6', '8', '9', '11']);
  });
});
