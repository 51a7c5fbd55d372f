/**
 * Composes the emulated services for one stack. Each service is started here and nowhere else,
 * and stopped in reverse order, so a failure half-way leaves nothing running.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EmulatorOptions } from './config.ts';
import { publicHost } from './config.ts';
import { type Engine, startEngine } from './dynamodb/engine.ts';
import { ensureTables } from './dynamodb/tables.ts';
import type { Stack } from './stack.ts';

export interface EmulatorUrls {
  ws?: string;
  management?: string;
  dynamodb: string;
  web?: string;
}

export interface RunningEmulator {
  urls: EmulatorUrls;
  engine: Engine;
  stop(): Promise<void>;
}

export type StartOptions = Partial<EmulatorOptions> & {
  /** Progress lines for people; silent when omitted. */
  log?: (line: string) => void;
};

export async function startEmulator(stack: Stack, options: StartOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };
  try {
    const engine = await startEngine({
      kind: options.engine,
      host,
      port: options.dynamodbPort ?? 0,
      persistDir: options.persistDir,
      log,
    });
    stops.push(() => engine.stop());
    log(`DynamoDB: ${engine.description}`);

    const admin = new DynamoDBClient({
      endpoint: engine.endpoint,
      region: stack.region,
      credentials: { accessKeyId: 'AKIAEMULATORADMIN000', secretAccessKey: 'emulator-admin' },
    });
    try {
      const tables = await ensureTables(admin, stack.tables, log);
      log(`tables ready: ${tables.map((t) => `${t.name} (${t.status})`).join(', ')}`);
      if (stack.seed) await stack.seed(engine.endpoint, stack.region);
    } finally {
      admin.destroy();
    }

    return {
      urls: { dynamodb: engine.endpoint.replace(host, publicHost(host)) },
      engine,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
