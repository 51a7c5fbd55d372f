/**
 * Runs one variant (broken or fixed) of a pitfall on its own emulator and tears it all down
 * afterwards, whatever happened: the clients, the admin connection, the emulator and its JVM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type RunningEmulator, startEmulator } from '../../../emulator/start.ts';
import { type AdminDb, adminDb } from '../../shared/admin-db.ts';
import { FUNCTION_NAME, workshopStack } from '../../shared/workshop-stack.ts';
import { connectClient, type TestClient } from '../../shared/ws-client.ts';
import type { DemoContext } from '../types.ts';

export { eventually } from '../../shared/emulator.ts';

export { FUNCTION_NAME };

export interface Variant {
  /** Narration prefixed with the variant's name, so the room knows which run is talking. */
  say(line: string): void;
  emulator: RunningEmulator;
  /** An administrator's view of the tables, as the console would show them. */
  db: AdminDb;
  /** Opens a WebSocket as a player would (closed for you at the end). */
  connect(name: string): Promise<TestClient>;
  /** The function's log group, oldest first, as `npm run logs --since` shows it (epoch ms). */
  logs(since?: number): Array<{ stream: string; message: string }>;
}

export interface VariantOptions {
  pitfall: string;
  /** Runs `lessons/pitfalls/<pitfall>/<variant>.ts` unless `entry` names another file. */
  variant: 'broken' | 'fixed';
  entry?: string;
  routes?: Array<'$connect' | '$disconnect' | '$default'>;
  maxInstancesPerFunction?: number;
}

const PITFALLS_DIR = join(import.meta.dirname, '..');

export async function runVariant<T>(
  ctx: DemoContext,
  options: VariantOptions,
  body: (variant: Variant) => Promise<T>,
): Promise<T> {
  const name = `pitfall-${options.pitfall}-${options.variant}`;
  const entry = options.entry ?? join(PITFALLS_DIR, options.pitfall, `${options.variant}.ts`);
  const say = (line: string) => ctx.log(`[${options.variant}] ${line}`);
  say(`starting the emulator with ${relative(PITFALLS_DIR, entry)} as ${FUNCTION_NAME}…`);
  const stack = workshopStack({
    name,
    entry,
    routes: options.routes ?? ['$connect', '$disconnect', '$default'],
  });
  const logsDir = mkdtempSync(join(tmpdir(), `${name}-logs-`));
  const emulator = await startEmulator(stack, {
    host: '127.0.0.1',
    wsPort: 0,
    dynamodbPort: 0,
    webPort: null,
    logsDir,
    ...(ctx.engine ? { engine: ctx.engine } : {}),
    ...(options.maxInstancesPerFunction ? { maxInstancesPerFunction: options.maxInstancesPerFunction } : {}),
  });
  const db = adminDb(emulator.urls.dynamodb);
  const clients: TestClient[] = [];
  try {
    return await body({
      say,
      emulator,
      db,
      connect: async (player) => {
        const client = await connectClient(emulator.urls.ws, player);
        clients.push(client);
        return client;
      },
      logs: (since) =>
        emulator.logs
          .events({ group: `/aws/lambda/${FUNCTION_NAME}`, ...(since === undefined ? {} : { since }) })
          .map(({ stream, message }) => ({ stream, message })),
    });
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    db.close();
    await emulator.stop();
    rmSync(logsDir, { recursive: true, force: true });
  }
}
