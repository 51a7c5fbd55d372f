/** A DynamoDB engine and an administrator's client for the checks that need only tables. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Engine, type EngineKind, startEngine } from '../../emulator/dynamodb/engine.ts';
import { DEFAULTS } from '../../emulator/stack.ts';

export interface CheckEngine {
  engine: Engine;
  ddb: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export async function startCheckEngine(
  kind: EngineKind | undefined,
  log: (line: string) => void,
): Promise<CheckEngine> {
  const engine = await startEngine({ ...(kind ? { kind } : {}), port: 0, log });
  log(`DynamoDB: ${engine.description} at ${engine.endpoint}`);
  // Keys no role owns: the emulator treats them as an administrator, like your own console login.
  const ddb = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: DEFAULTS.region,
    credentials: { accessKeyId: 'AKIALESSONCHECK00000', secretAccessKey: 'lesson-check' },
    maxAttempts: 2,
  });
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  return {
    engine,
    ddb,
    doc,
    stop: async () => {
      ddb.destroy();
      await engine.stop();
    },
  };
}
