/**
 * Pitfall demos for lessons 3–5's runtime traps: each runs its broken handler on the real
 * emulator, must see the symptom, then runs the fix and must see it gone. The assertions pin
 * what was observed, so a demo that saw nothing cannot pass.
 */
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { type PitfallRun, runPitfall } from '../../lessons/pitfalls/run-pitfall.ts';
import { en } from './support.ts';

/** The observation as the English run prints it. */

const DEMO_TIMEOUT_MS = 180_000;

async function run(id: string): Promise<PitfallRun & { output: string }> {
  const lines: string[] = [];
  const engine = process.env.TEST_ENGINE as EngineKind | undefined;
  const result = await runPitfall(id, { print: (text) => lines.push(text), ...(engine ? { engine } : {}) });
  const output = lines.join('\n');
  expect(result.report.broken.ok, `${id} broken: ${en(result.report.broken.observed)}\n${output}`).toBe(true);
  expect(result.report.fixed.ok, `${id} fixed: ${en(result.report.fixed.observed)}\n${output}`).toBe(true);
  expect(result.passed).toBe(true);
  expect(output).toContain('Demo complete: symptom reproduced, fix verified.');
  return { ...result, output };
}

function count(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`"${text}" does not match ${pattern}`);
  return Number(match[1]);
}

// The demos refuse an external engine: each variant needs empty tables of its own.
describe.skipIf(process.env.TEST_ENGINE === 'external')('pitfall demos: state, races and the runtime', () => {
  it(
    'stale-module-state: a second instance sends the old consonant; reading Game each time fixes it',
    async () => {
      const { report, output } = await run('stale-module-state');
      expect(en(report.broken.observed)).toMatch(/instance 1 sent \S+, instance 2 sent \S+/);
      expect(en(report.broken.observed)).toContain('철수 was shown the old ㅅㄱ after the game had moved on');
      expect(en(report.fixed.observed)).toContain('instance 1 sent ㅂㄴㄴ, instance 2 sent ㅂㄴㄴ');
      expect(en(report.fixed.observed)).not.toContain('ㅅㄱ');
      expect(output).toContain('warm instances of android-realtime-lambda: 2');
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    'answer-race: several players score for one word; a conditional write leaves exactly one',
    async () => {
      const { report } = await run('answer-race');
      expect(
        count(en(report.broken.observed), /^(\d) of 6 players scored for the one word/),
      ).toBeGreaterThanOrEqual(2);
      expect(en(report.fixed.observed)).toContain('"사과": 1 scored, "바나나": 1 scored, "자동차": 1 scored');
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    'substring-answered: 사과 is rejected after 사과나무; a set of whole words accepts it',
    async () => {
      const { report } = await run('substring-answered');
      expect(en(report.broken.observed)).toContain('the screen showed ㅅㄱ, her answerCnt is 0');
      expect(en(report.broken.observed)).toContain('answeredWords is ", 사과나무"');
      expect(en(report.fixed.observed)).toContain('the screen showed ㅂㄴㄴ, her answerCnt is 1');
      expect(en(report.fixed.observed)).toContain('answeredWords is "사과나무, 사과"');
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    'stale-connections: rows of departed players pile up; deleting on 410 keeps User to the live ones',
    async () => {
      const { report } = await run('stale-connections');
      expect(en(report.broken.observed)).toContain(
        'after wave 1: 4 rows in User, 4 posts; after wave 2: 7 rows in User, 7 posts; after wave 3: 10 rows in User, 10 posts',
      );
      expect(en(report.broken.observed)).toContain('9 wasted posts for 1 live player');
      expect(en(report.fixed.observed)).toContain(
        'after wave 1: 1 row in User, 4 posts; after wave 2: 1 row in User, 4 posts; after wave 3: 1 row in User, 4 posts',
      );
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    'unpaginated-scan: players beyond the first 1 MB page miss the chat; following LastEvaluatedKey reaches all',
    async () => {
      const { report } = await run('unpaginated-scan');
      const missed = count(en(report.broken.observed), /(\d+) of 10 players never got the chat/);
      expect(missed).toBeGreaterThan(0);
      expect(missed).toBeLessThan(10);
      expect(en(report.broken.observed)).toContain('1 Scan call(s)');
      expect(en(report.broken.observed)).toContain('LastEvaluatedKey set');
      expect(count(en(report.fixed.observed), /(\d+) Scan call\(s\)/)).toBeGreaterThan(1);
      expect(en(report.fixed.observed)).toContain('all 10 players got the chat');
    },
    DEMO_TIMEOUT_MS,
  );

  it(
    "sdk-v2-runtime: require('aws-sdk') refuses every connection; the v3 handler connects",
    async () => {
      const { report } = await run('sdk-v2-runtime');
      expect(en(report.broken.observed)).toContain('refused the connection with HTTP 502');
      expect(en(report.broken.observed)).toContain(
        "Runtime.ImportModuleError: Error: Cannot find module 'aws-sdk'",
      );
      expect(en(report.broken.observed)).toContain('User has 0 rows');
      expect(en(report.fixed.observed)).toContain('the connection opened');
      expect(en(report.fixed.observed)).toContain('User has 1 row');
    },
    DEMO_TIMEOUT_MS,
  );
});
