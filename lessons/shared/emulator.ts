/**
 * Starts the emulator for a lesson's stack. The lesson checks depend only on the small surface
 * below (URLs, the function's log lines and invocations, stop).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import type { GatewayLimits } from '../../emulator/gateway/index.ts';
import type { Stack } from '../../emulator/stack.ts';
import { startEmulator } from '../../emulator/start.ts';
import type { FunctionError } from '../runner/function-errors.ts';
import { type Msg, tr } from '../runner/i18n.ts';
import { type InvocationWatch, watchInvocations } from './invocations.ts';

export interface LessonEmulator {
  urls: { ws: string; management: string; dynamodb: string; web?: string; logs?: string };
  /** This run's log folder (for `npm run logs -- --dir`). */
  logsDir: string;
  invocations: InvocationWatch;
  /** What the functions reported so far (exceptions, init errors, timeouts). */
  errors(): FunctionError[];
  /** Stops everything, the log folder too (a `--keep` run's goes when it is stopped). */
  stop(): Promise<void>;
  /** Messages in `/aws/lambda/<fn>`, oldest first. */
  logMessages(functionName: string): Promise<string[]>;
}

export async function startLessonEmulator(
  stack: Stack,
  options: {
    engine?: EngineKind | undefined;
    log: (line: Msg) => void;
    limits?: Partial<GatewayLimits> | undefined;
    webPort?: number | undefined;
    watch?: boolean | undefined;
  },
): Promise<LessonEmulator> {
  options.log(tr(`starting the emulator for ${stack.name}…`, `${stack.name} 에뮬레이터를 시작합니다…`));
  // Each run keeps its logs apart, so an old run's lines cannot make a check pass.
  const logsDir = mkdtempSync(join(tmpdir(), `${stack.name}-logs-`));
  const removeLogs = () => rmSync(logsDir, { recursive: true, force: true });
  let running: Awaited<ReturnType<typeof startEmulator>>;
  try {
    running = await startEmulator(stack, {
      host: '127.0.0.1',
      wsPort: 0,
      dynamodbPort: 0,
      webPort: options.webPort ?? 0,
      logsDir,
      ...(options.engine ? { engine: options.engine } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.watch ? { watch: true } : {}),
    });
  } catch (error) {
    removeLogs();
    throw error;
  }
  options.log(tr(`WebSocket API at ${running.urls.ws}`, `WebSocket API 주소: ${running.urls.ws}`));
  const invocations = watchInvocations(running.logs);
  let stopped: Promise<void> | undefined;
  return {
    urls: { ...running.urls, logs: logsDir },
    logsDir,
    invocations,
    errors: () => invocations.errors(),
    stop: () => {
      stopped ??= (async () => {
        invocations.close();
        await running.stop();
        removeLogs();
      })();
      return stopped;
    },
    logMessages: async (functionName) =>
      running.logs.events({ group: `/aws/lambda/${functionName}` }).map((event) => event.message),
  };
}

/** Polls until `probe` returns true or the time is up, for what has no event of its own to wait for. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
