/**
 * Starts the emulator for a lesson's stack. The lesson checks depend only on the small surface
 * below (URLs, the function's log lines, stop).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import type { GatewayLimits } from '../../emulator/gateway/index.ts';
import type { Stack } from '../../emulator/stack.ts';
import { startEmulator } from '../../emulator/start.ts';

export interface LessonEmulator {
  urls: { ws: string; management: string; dynamodb: string; web?: string };
  stop(): Promise<void>;
  /** Messages in `/aws/lambda/<fn>`, oldest first. */
  logMessages(functionName: string): Promise<string[]>;
}

export async function startLessonEmulator(
  stack: Stack,
  options: {
    engine?: EngineKind | undefined;
    log: (line: string) => void;
    limits?: Partial<GatewayLimits> | undefined;
  },
): Promise<LessonEmulator> {
  options.log(`starting the emulator for ${stack.name}…`);
  const running = await startEmulator(stack, {
    host: '127.0.0.1',
    wsPort: 0,
    dynamodbPort: 0,
    webPort: 0,
    // Each run keeps its logs apart, so an old run's lines cannot make a check pass.
    logsDir: mkdtempSync(join(tmpdir(), `${stack.name}-logs-`)),
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  options.log(`WebSocket API at ${running.urls.ws}`);
  return {
    urls: running.urls,
    stop: () => running.stop(),
    logMessages: async (functionName) =>
      running.logs.events({ group: `/aws/lambda/${functionName}` }).map((event) => event.message),
  };
}

/** Polls until `probe` returns true or the time is up; events here arrive asynchronously. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
