/**
 * Starts the emulator for a lesson's stack. The lesson checks depend only on the small surface
 * below (URLs, the log store, stop), which is what emulator/start.ts documents.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import type { Stack } from '../../emulator/stack.ts';

export interface LessonEmulator {
  /** `logs` is the folder of this run's log groups, for `npm run logs -- --dir`. */
  urls: { ws: string; management: string; dynamodb: string; web?: string; logs: string };
  stop(): Promise<void>;
  /** Messages in `/aws/lambda/<fn>`, oldest first. */
  logMessages(functionName: string): Promise<string[]>;
}

interface StartedEmulator {
  urls: { ws?: string; management?: string; dynamodb: string; web?: string };
  logs?: { events?(query: { group?: string }): unknown; read?(group: string): unknown };
  stop(): Promise<void>;
}

const START_MODULE = '../../emulator/start.ts';

export async function startLessonEmulator(
  stack: Stack,
  options: { engine?: EngineKind; log: (line: string) => void; limits?: unknown },
): Promise<LessonEmulator> {
  const { startEmulator } = (await import(START_MODULE)) as {
    startEmulator: (stack: Stack, options: Record<string, unknown>) => Promise<StartedEmulator>;
  };
  options.log(`starting the emulator for ${stack.name}…`);
  // Each run keeps its logs apart, so an old run's lines cannot make a check pass.
  const logsDir = mkdtempSync(join(tmpdir(), `${stack.name}-logs-`));
  const running = await startEmulator(stack, {
    host: '127.0.0.1',
    wsPort: 0,
    dynamodbPort: 0,
    webPort: 0,
    quiet: true,
    logsDir,
    ...(options.engine ? { engine: options.engine } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const { ws, management, dynamodb, web } = running.urls;
  if (!ws || !management) {
    await running.stop();
    throw new Error(
      'the emulator started without a WebSocket gateway (urls.ws is missing); update the workbench.',
    );
  }
  options.log(`WebSocket API at ${ws}`);
  return {
    urls: { ws, management, dynamodb, ...(web ? { web } : {}), logs: logsDir },
    stop: () => running.stop(),
    logMessages: async (functionName) => {
      const group = `/aws/lambda/${functionName}`;
      const logs = running.logs;
      return messagesOf(logs?.events ? logs.events({ group }) : await logs?.read?.(group));
    },
  };
}

/** Accepts the log store's answer as an array of lines or `{ events }`, whichever it gives. */
function messagesOf(result: unknown): string[] {
  const events = Array.isArray(result)
    ? result
    : typeof result === 'object' && result !== null && Array.isArray((result as { events?: unknown }).events)
      ? (result as { events: unknown[] }).events
      : [];
  return events.map((e) => (typeof e === 'string' ? e : String((e as { message?: unknown }).message ?? '')));
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
