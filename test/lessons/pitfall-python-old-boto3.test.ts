/**
 * python-old-boto3 on the real emulator: a Python function on a runtime whose bundled boto3 has
 * no apigatewaymanagementapi model fails with UnknownServiceError; a layer with a newer boto3
 * makes the same code answer the player.
 */
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { runPitfall } from '../../lessons/pitfalls/run-pitfall.ts';
import { en } from './support.ts';

/** The observation as the English run prints it. */

describe.skipIf(process.env.TEST_ENGINE === 'external')('pitfall demo: python-old-boto3', () => {
  it('UnknownServiceError on the old boto3; the layer with a newer one fixes it', async () => {
    const lines: string[] = [];
    const engine = process.env.TEST_ENGINE as EngineKind | undefined;
    // In Korean: the checks below read the English of each observation, the output the Korean.
    const result = await runPitfall('python-old-boto3', {
      print: (text) => lines.push(text),
      lang: 'ko',
      ...(engine ? { engine } : {}),
    });
    const output = lines.join('\n');
    expect(result.report.broken.ok, output).toBe(true);
    expect(result.report.fixed.ok, output).toBe(true);
    expect(en(result.report.broken.observed)).toContain('"message":"Internal server error"');
    expect(en(result.report.broken.observed)).toContain(
      "UnknownServiceError: Unknown service: 'apigatewaymanagementapi'",
    );
    expect(en(result.report.fixed.observed)).toContain('{"username":"kim","content":"안녕하세요"}');
    // The demo says how the old SDK was made, in the language asked for, and only in that one.
    expect(output).toContain('botocore/data/apigatewaymanagementapi만 지운 것');
    expect(output).not.toContain('with botocore/data/apigatewaymanagementapi removed');
    expect(result.report.broken.observed).toMatchObject({ ko: expect.stringContaining('로그 그룹') });
    expect(output).toContain('데모 완료: 증상을 재현하고 해결을 확인했습니다.');
  }, 180_000);
});
