/**
 * undeployed-route: a route added through the ApiGatewayV2 API (as the console adds it) is listed
 * by GetRoutes but not live until a deployment reaches the stage; after CreateDeployment the same
 * message reaches it. Real emulators, a real ws client, the real SDK over the TLS front door.
 */
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { runPitfall } from '../../lessons/pitfalls/run-pitfall.ts';
import { en } from './support.ts';

describe.skipIf(process.env.TEST_ENGINE === 'external')('pitfall demo: undeployed-route', () => {
  it('the message lands in $default until CreateDeployment, then in sendmessage', {
    timeout: 180_000,
  }, async () => {
    const lines: string[] = [];
    const engine = process.env.TEST_ENGINE as EngineKind | undefined;
    const { report } = await runPitfall('undeployed-route', {
      print: (text) => lines.push(text),
      ...(engine ? { engine } : {}),
    });
    const output = lines.join('\n');
    expect(report.broken.ok, `${en(report.broken.observed)}\n${output}`).toBe(true);
    expect(report.fixed.ok, `${en(report.fixed.observed)}\n${output}`).toBe(true);
    expect(en(report.broken.observed)).toContain(
      'GetRoutes lists sendmessage, yet stage dev still serves deployment',
    );
    expect(en(report.broken.observed)).toContain(
      'route $default got {"action":"sendmessage","message":"hi"}',
    );
    expect(en(report.fixed.observed)).toContain('the message reached sendmessage');
    expect(en(report.fixed.observed)).toContain(
      'route sendmessage got {"action":"sendmessage","message":"hi"}',
    );
    // The files and the diff the room sees: the fix is the CreateDeployment call.
    expect(output).toContain('undeployed-route/broken.ts');
    expect(output).toMatch(/^ {2}\+.*CreateDeploymentCommand\(\{ ApiId: apiId, StageName: stageName \}\)/m);
  });

  it('narrates in Korean with --lang ko', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const engine = process.env.TEST_ENGINE as EngineKind | undefined;
    const { passed } = await runPitfall('undeployed-route', {
      lang: 'ko',
      print: (text) => lines.push(text),
      ...(engine ? { engine } : {}),
    });
    const output = lines.join('\n');
    expect(passed, output).toBe(true);
    expect(output).toContain('라우트를 추가하고 "API 배포"를 안 한 경우');
    expect(output).toMatch(/\[broken\] wscat이 .* 보냄; 도착한 라우트: \$default/);
    // The particle follows how the random deployment id ends when read aloud: 을 or 를.
    expect(output).toMatch(/\[fixed\] .*스테이지 dev는 배포 \w+[을를] 서비스 중 \(이전 \w+\)/);
  });
});
