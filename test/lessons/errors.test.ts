/**
 * Errors under a failing check: a handler that throws is reported with the file and line in the
 * learner's own file; code that does not type-check stops before any stack starts. Both languages.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured, withTempProgress } from './support.ts';

describe('errors under a failing check', () => {
  withTempProgress();
  const dirs: string[] = [];
  const exercise = (source: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'lesson-errors-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'handler.ts'), source);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  // Temporary folders of a run (its log group, the type check's config) go when the run ends.
  const leftovers = () =>
    readdirSync(tmpdir()).filter((name) => /^lesson-.*-logs-|^lesson-typecheck-/.test(name));

  it('names the exception and its line in the learner file, in English and Korean', async () => {
    const before = new Set(leftovers());
    const dir = exercise(
      [
        '// a handler that reads a field the event does not have',
        'export async function handler(event: { requestContext: Record<string, unknown> }) {',
        '  const info = event.requestContext.missing as { id: string };',
        '  console.log(`connect ${info.id}`);',
        '  return { statusCode: 200 };',
        '}',
        '',
      ].join('\n'),
    );
    const en = await runCaptured(3, false, { exerciseDir: dir, lang: 'en' });
    expect(en.passed).toBe(false);
    expect(en.output).toContain('What your function reported (from its log group):');
    expect(en.output).toContain('TypeError: Cannot read properties of undefined');
    expect(en.output).toMatch(/at \S*handler\.ts:4:\d+/);
    expect(en.output).toContain('console.log(`connect ${info.id}`);');
    expect(en.errors.every((e) => e.functionName === 'android-realtime-lambda')).toBe(true);

    const ko = await runCaptured(3, false, { exerciseDir: dir, lang: 'ko' });
    expect(ko.output).toContain('함수가 보고한 오류 (로그 그룹에서):');
    expect(ko.output).toMatch(/위치 \S*handler\.ts:4:\d+/);
    expect(ko.output).toContain('✗ WebSocket 클라이언트가 연결됨 (wscat -c URL)');
    // Other runs on this machine may make folders of their own; none of this test's may stay.
    expect(
      leftovers().filter((name) => !before.has(name) && name.startsWith('lesson-03-connection-logs-')),
    ).toEqual([]);
  });

  it('stops at a type error before any stack starts, with file:line and tsc in the chosen language', async () => {
    const dir = exercise(
      [
        'export async function handler(event: { requestContext: { connectionId: string } }) {',
        '  const id: number = event.requestContext.connectionId;',
        '  return { statusCode: 200, body: String(id) };',
        '}',
        '',
      ].join('\n'),
    );
    const en = await runCaptured(3, false, { exerciseDir: dir, lang: 'en' });
    expect(en.passed).toBe(false);
    expect(en.items).toHaveLength(1);
    expect(en.output).toMatch(/handler\.ts:2:9 TS2322 Type 'string' is not assignable to type 'number'/);
    expect(en.output).not.toContain('starting the emulator');
    const ko = await runCaptured(3, false, { exerciseDir: dir, lang: 'ko' });
    expect(ko.output).toContain('✗ 파일의 타입 검사 통과 (tsc)');
    expect(ko.output).toMatch(/handler\.ts:2:9 TS2322 'string' 형식은 'number' 형식에 할당할 수 없습니다/);
  });
});
