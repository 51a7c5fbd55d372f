/**
 * The demos the 2019 workshop met and the first catalogue lacked: Lambda's 3-second default
 * timeout and a key attribute in the wrong case. Each must show its symptom, then lose it.
 */
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { type PitfallRun, runPitfall } from '../../lessons/pitfalls/run-pitfall.ts';
import { en } from './support.ts';

/** The observation as the English run prints it. */

async function run(id: string): Promise<PitfallRun & { output: string }> {
  const lines: string[] = [];
  const engine = process.env.TEST_ENGINE as EngineKind | undefined;
  const result = await runPitfall(id, { print: (text) => lines.push(text), ...(engine ? { engine } : {}) });
  const output = lines.join('\n');
  expect(result.report.broken.ok, `${id} broken: ${en(result.report.broken.observed)}\n${output}`).toBe(true);
  expect(result.report.fixed.ok, `${id} fixed: ${en(result.report.fixed.observed)}\n${output}`).toBe(true);
  return { ...result, output };
}

describe.skipIf(process.env.TEST_ENGINE === 'external')('pitfall demos: timeout, key case and region', () => {
  it('default-timeout: Task timed out after 3.00 seconds with the write half done; 30 s fixes it', {
    timeout: 180_000,
  }, async () => {
    const { report } = await run('default-timeout');
    expect(en(report.broken.observed)).toContain('"Task timed out after 3.00 seconds"');
    expect(en(report.broken.observed)).toContain('Chat holds 1 row but Game has none');
    expect(en(report.broken.observed)).toContain('"message":"Internal server error"');
    expect(en(report.fixed.observed)).toContain('Game holds the new state');
  });

  it('key-attribute-case: ValidationException in the words DynamoDB uses; the right case deletes the row', {
    timeout: 180_000,
  }, async () => {
    const { report, output } = await run('key-attribute-case');
    expect(en(report.broken.observed)).toContain('"errorType":"ValidationException"');
    expect(en(report.broken.observed)).toContain('The provided key element does not match the schema');
    expect(en(report.broken.observed)).toContain('the row of the client that left is still in User');
    expect(output).toMatch(/^ {2}-.*Key: \{ ConnectionId: connectionId \}/m);
    expect(output).toMatch(/^ {2}\+.*Key: \{ connectionId \}/m);
    expect(en(report.fixed.observed)).toContain('the row is gone when the client leaves');
  });

  it('wrong-region: a client pinned to us-east-1 finds no table; the region from the environment does', {
    timeout: 180_000,
  }, async () => {
    const { report } = await run('wrong-region');
    expect(en(report.broken.observed)).toContain(
      'wscat was refused (wscat: the gateway refused the connection with HTTP 502)',
    );
    expect(en(report.broken.observed)).toContain('ResourceNotFoundException');
    expect(en(report.broken.observed)).toContain('Requested resource not found');
    expect(en(report.broken.observed)).toContain('User in Seoul has 0 rows');
    expect(en(report.fixed.observed)).toContain('User in ap-northeast-2 holds 1 row');
  });
});
