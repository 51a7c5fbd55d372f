/**
 * python-old-boto3 on the real emulator: a Python function on a runtime whose bundled boto3 has
 * no apigatewaymanagementapi model fails with UnknownServiceError; a layer with a newer boto3
 * makes the same code answer the player.
 */
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { runPitfall } from '../../lessons/pitfalls/run-pitfall.ts';

describe.skipIf(process.env.TEST_ENGINE === 'external')('pitfall demo: python-old-boto3', () => {
  it('UnknownServiceError on the old boto3; the layer with a newer one fixes it', async () => {
    const lines: string[] = [];
    const engine = process.env.TEST_ENGINE as EngineKind | undefined;
    const result = await runPitfall('python-old-boto3', {
      print: (text) => lines.push(text),
      ...(engine ? { engine } : {}),
    });
    const output = lines.join('\n');
    expect(result.report.broken.ok, output).toBe(true);
    expect(result.report.fixed.ok, output).toBe(true);
    expect(result.report.broken.observed).toContain('"message":"Internal server error"');
    expect(result.report.broken.observed).toContain(
      "UnknownServiceError: Unknown service: 'apigatewaymanagementapi'",
    );
    expect(result.report.fixed.observed).toContain('{"username":"kim","content":"안녕하세요"}');
    // The demo says how the old SDK was made, in both languages.
    expect(output).toContain('with botocore/data/apigatewaymanagementapi removed');
    expect(output).toContain('botocore/data/apigatewaymanagementapi만 지운 것');
    expect(output).toContain('Demo complete: symptom reproduced, fix verified.');
  }, 180_000);
});
