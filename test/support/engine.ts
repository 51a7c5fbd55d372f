/** Engines and clients for tests: a real DynamoDB engine, never a mock of one. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { adminClient } from '../../emulator/dynamodb/admin-client.ts';
import { type Engine, type EngineKind, startEngine } from '../../emulator/dynamodb/engine.ts';

export const TEST_REGION = 'ap-northeast-2';

/** The engine named by TEST_ENGINE (local | dynalite | external), DynamoDB Local by default. */
export function startTestEngine(kind?: EngineKind): Promise<Engine> {
  const chosen = kind ?? (process.env.TEST_ENGINE as EngineKind | undefined) ?? 'local';
  return startEngine({ kind: chosen, port: 0 });
}

/** Clients with credentials no role owns, which the emulator treats as an administrator's. */
/** `region`: the stack's; DynamoDB is regional, and another region's tables are not these. */
export function adminClients(
  endpoint: string,
  region = TEST_REGION,
): { ddb: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const { ddb, doc } = adminClient(endpoint, region);
  return { ddb, doc };
}
