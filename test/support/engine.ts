/** Engines and clients for tests: a real DynamoDB engine, never a mock of one. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Engine, type EngineKind, startEngine } from '../../emulator/dynamodb/engine.ts';

export const TEST_REGION = 'ap-northeast-2';

/** The engine named by TEST_ENGINE (local | dynalite | external), DynamoDB Local by default. */
export function startTestEngine(kind?: EngineKind): Promise<Engine> {
  const chosen = kind ?? (process.env.TEST_ENGINE as EngineKind | undefined) ?? 'local';
  return startEngine({ kind: chosen, port: 0 });
}

/** Clients with credentials no role owns, which the emulator treats as an administrator's. */
export function adminClients(endpoint: string): { ddb: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const ddb = new DynamoDBClient({
    endpoint,
    region: TEST_REGION,
    credentials: { accessKeyId: 'AKIAADMINTEST0000000', secretAccessKey: 'admin-test-secret' },
    maxAttempts: 2,
  });
  return { ddb, doc: DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } }) };
}
