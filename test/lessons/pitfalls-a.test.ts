/**
 * Pitfall demos, first half of the catalogue: each runs its broken and fixed variants on real
 * emulators (DynamoDB engine, gateway, Lambda host with IAM) and must both reproduce the symptom
 * and see it gone. The observed text is checked too, so a demo that saw nothing cannot pass.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { type PitfallRun, runPitfall } from '../../lessons/pitfalls/run-pitfall.ts';
import { descendantsMatching } from '../support/processes.ts';
import { en } from './support.ts';

/** The observation as the English run prints it. */

const engine = process.env.TEST_ENGINE as EngineKind | undefined;
// Two or three emulators per demo, each with a JVM on a shared two-core machine.
const DEMO_TIMEOUT = 180_000;
/** DynamoDB Local, Lambda instances and their reaper; esbuild's one service process is shared by design. */
const LEFTOVERS = ['DynamoDBLocal.jar', 'bootstrap.mjs', 'reaper.mjs'];

async function run(id: string): Promise<PitfallRun & { output: string }> {
  const lines: string[] = [];
  const result = await runPitfall(id, { print: (text) => lines.push(text), ...(engine ? { engine } : {}) });
  return { ...result, output: lines.join('\n') };
}

function expectBothOk(result: PitfallRun & { output: string }): void {
  expect(result.report.broken.ok, `broken: ${en(result.report.broken.observed)}\n${result.output}`).toBe(
    true,
  );
  expect(result.report.fixed.ok, `fixed: ${en(result.report.fixed.observed)}\n${result.output}`).toBe(true);
  expect(result.passed).toBe(true);
  expect(result.output).toContain('Demo complete: symptom reproduced, fix verified.');
}

afterEach(async () => {
  // Every demo stops its emulators in `finally`: no JVM, Lambda instance or reaper may outlive it.
  const deadline = Date.now() + 5000;
  const leftovers = () => LEFTOVERS.flatMap((needle) => descendantsMatching(process.pid, needle));
  let left = leftovers();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = leftovers();
  }
  expect(left, 'processes left behind by the demo').toEqual([]);
});

// The demos refuse an external engine: each variant needs empty tables of its own.
describe.skipIf(engine === 'external')('pitfall demos: IAM, await, SDK styles, case, $connect', () => {
  it(
    'no-manage-connections: silent without the permission, 403 once logged, delivered with it',
    async () => {
      const result = await run('no-manage-connections');
      expectBothOk(result);
      expect(en(result.report.broken.observed)).toMatch(/영희 received nothing, 철수 got no error back/);
      expect(en(result.report.broken.observed)).toMatch(/ForbiddenException \(HTTP 403\).*ManageConnections/);
      // The whole ARN, never cut: the instructor reads the resource out to the room.
      expect(en(result.report.broken.observed)).toMatch(
        /arn:aws:execute-api:ap-northeast-2:123456789012:chosung001\/dev\/POST\/@connections\/[A-Za-z0-9+/=_-]+/,
      );
      expect(en(result.report.fixed.observed)).toContain(
        '영희 received {"username":"철수","content":"안녕하세요"}',
      );
    },
    DEMO_TIMEOUT,
  );

  it(
    'no-logs-permission: the function runs but its log group stays empty until logs:* is allowed',
    async () => {
      const result = await run('no-logs-permission');
      expectBothOk(result);
      expect(en(result.report.broken.observed)).toMatch(
        /User row came and went\) but \/aws\/lambda\/android-realtime-lambda has 0 line\(s\)/,
      );
      expect(en(result.report.fixed.observed)).toMatch(/Connect requested: \S+/);
      expect(result.output).toMatch(/broken role allows .*dynamodb:\*.*no logs:\*/);
    },
    DEMO_TIMEOUT,
  );

  it(
    'missing-await: $connect returns 200 but the row never lands; awaited, it does',
    async () => {
      const result = await run('missing-await');
      expectBothOk(result);
      expect(en(result.report.broken.observed)).toMatch(/yet User has no row/);
      expect(en(result.report.fixed.observed)).toMatch(
        /User holds its row \{"connectionId":"[^"]+","answerCnt":0\}/,
      );
    },
    DEMO_TIMEOUT,
  );

  it(
    'callback-and-promise: one right answer, two points; with v3 send, one',
    async () => {
      const result = await run('callback-and-promise');
      expectBothOk(result);
      expect(en(result.report.broken.observed)).toMatch(/answered once and her answerCnt in User is 2/);
      expect(en(result.report.fixed.observed)).toMatch(/answered once and her answerCnt in User is 1$/);
    },
    DEMO_TIMEOUT,
  );

  it(
    'wrong-case: "user" gives ResourceNotFoundException, "Content" is ignored; the fix names both',
    async () => {
      const result = await run('wrong-case');
      expectBothOk(result);
      expect(en(result.report.broken.observed)).toMatch(/'user' Table: ResourceNotFoundException/);
      expect(en(result.report.broken.observed)).toMatch(/"Content" chat left no trace/);
      expect(en(result.report.fixed.observed)).toMatch(/User holds 2 rows/);
      expect(en(result.report.fixed.observed)).toMatch(/this message had keys: username, Content/);
      expect(en(result.report.fixed.observed)).toMatch(/영희 saw "안녕하세요"/);
    },
    DEMO_TIMEOUT,
  );

  it(
    'broadcast-in-connect: a post during $connect is 410 and never arrives; a join is answered',
    async () => {
      const result = await run('broadcast-in-connect');
      expectBothOk(result);
      expect(en(result.report.broken.observed)).toMatch(
        /never saw the 초성 ㄱㅇㅈ.*GoneException \(HTTP 410\)/,
      );
      expect(en(result.report.fixed.observed)).toMatch(
        /got the state right after joining: .*"nowConsonant":"ㄱㅇㅈ"/,
      );
    },
    DEMO_TIMEOUT,
  );
});
