/**
 * The floating-promise rule on a table of small sources, through the same TypeScript API session
 * the type-check stage opens. A line ending in `// <- kind` must be reported with that kind; every
 * other line must not be.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FloatingPromise, floatingPromiseItems } from './floating-promises.ts';
import { pick } from './i18n.ts';
import { floatingPromisesIn, writeExerciseTsconfig } from './typecheck.ts';

const PRELUDE = [
  'declare function write(): Promise<void>;',
  'declare function keep(p: Promise<void>): void;',
  'declare const ids: string[];',
].join('\n');

const CASES: Record<string, string> = {
  awaited: 'export async function h() {\n  await write();\n}',
  returned: 'export function h() {\n  return write();\n}',
  void: 'export async function h() {\n  void write(); // <- void\n}',
  bare: 'export async function h() {\n  write(); // <- bare\n}',
  'Promise.all': 'export async function h() {\n  await Promise.all([write(), write()]);\n}',
  'Promise.allSettled of a map':
    'export async function h() {\n  await Promise.allSettled(ids.map(async () => write()));\n}',
  '.catch with a handler': 'export function h() {\n  write().catch(() => {});\n}',
  '.then with both handlers': 'export function h() {\n  write().then(() => {}, () => {});\n}',
  '.then without a rejection handler': 'export function h() {\n  write().then(() => {}); // <- bare\n}',
  '.finally on its own': 'export function h() {\n  write().finally(() => {}); // <- bare\n}',
  'assigned, then awaited': 'export async function h() {\n  const p = write();\n  await p;\n}',
  'assigned, then passed on': 'export function h() {\n  const p = write();\n  keep(p);\n}',
  'assigned, never awaited': 'export async function h() {\n  const p = write(); // <- unused-variable\n}',
  'declared, assigned later, never read':
    'export async function h() {\n  let p: Promise<void>;\n  p = write(); // <- unused-variable\n}',
  'declared, assigned later, awaited':
    'export async function h() {\n  let p: Promise<void>;\n  p = write();\n  await p;\n}',
  'in a for loop, bare': 'export async function h() {\n  for (const id of ids) write(); // <- bare\n}',
  'in a for loop, awaited': 'export async function h() {\n  for (const id of ids) await write();\n}',
  'in an arrow function body': 'export const h = async () => {\n  write(); // <- bare\n};',
  'an arrow that returns it': 'export const h = () => write();',
  'an arrow that voids it': 'export const h = () => void write(); // <- void',
  'an array of promises left alone': 'export function h() {\n  ids.map(() => write()); // <- bare\n}',
  'forEach with an async callback':
    'export function h() {\n  ids.forEach(async () => { // <- forEach\n    await write();\n  });\n}',
  'forEach with a plain callback': 'export function h() {\n  ids.forEach((id) => console.log(id));\n}',
  'one branch of a conditional': 'export function h(b: boolean) {\n  b ? write() : undefined; // <- bare\n}',
  'after &&': 'export function h(b: boolean) {\n  b && write(); // <- bare\n}',
  'handed to a function': 'export function h() {\n  keep(write());\n}',
  'not a promise': 'export function h() {\n  console.log(Math.max(1, 2));\n  void 0;\n}',
};

/** The lines the markers ask for, counted in the written file (PRELUDE first). */
const expected = (source: string) =>
  source
    .split('\n')
    .map((text, i) => ({
      line: PRELUDE.split('\n').length + i + 1,
      kind: /\/\/ <- ([\w-]+)/.exec(text)?.[1],
    }))
    .filter((e): e is { line: number; kind: string } => e.kind !== undefined);

describe('floating promises', () => {
  let dir = '';
  let found: FloatingPromise[] = [];
  const fileOf = (name: string) => join(dir, `${name.replace(/[^\w]+/g, '-')}.ts`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'floating-promises-'));
    for (const [name, source] of Object.entries(CASES))
      writeFileSync(fileOf(name), `${PRELUDE}\n${source}\n`);
    const files = Object.keys(CASES).map(fileOf);
    found = await floatingPromisesIn(writeExerciseTsconfig(dir, files), files);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.keys(CASES))('%s', (name) => {
    const source = CASES[name] ?? '';
    const got = found.filter((f) => f.file === fileOf(name)).map((f) => ({ line: f.line, kind: f.kind }));
    expect(got).toEqual(expected(source));
  });

  it('prints each one with file:line:col, the code, and the freeze, in both languages', () => {
    const bare = found.find((f) => f.file === fileOf('bare'));
    if (!bare) throw new Error('the bare case was not found');
    expect(bare).toMatchObject({ line: 5, column: 3, snippet: 'write(); // <- bare' });
    const [item] = floatingPromiseItems([bare], dir);
    expect(item?.ok).toBe(false);
    expect(pick(item?.label ?? '', 'en')).toBe('the promise at bare.ts:5:3 is awaited');
    expect(pick(item?.label ?? '', 'ko')).toBe('bare.ts:5:3의 프로미스를 await 함');
    expect(pick(item?.detail ?? '', 'en')).toContain('write(); // <- bare');
    expect(pick(item?.hint ?? '', 'en')).toContain('Lambda freezes the instance');
    expect(pick(item?.hint ?? '', 'ko')).toContain('Lambda는 인스턴스를 얼립니다');
    expect(floatingPromiseItems([])).toEqual([
      expect.objectContaining({
        ok: true,
        label: expect.objectContaining({ en: expect.stringContaining('no floating') }),
      }),
    ]);
  });

  it('shows a search that could not run as a failing line, not as a pass', () => {
    const [item] = floatingPromiseItems([], dir, 'tsgo exited');
    expect(item?.ok).toBe(false);
    expect(pick(item?.detail ?? '', 'en')).toBe('the search could not run: tsgo exited');
  });
});
