/** Engines and clients for tests: a real DynamoDB engine, never a mock of one. */
import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import type { Authorizer } from '../../emulator/contracts.ts';
import { adminClient } from '../../emulator/dynamodb/admin-client.ts';
import { type Engine, type EngineKind, startEngine } from '../../emulator/dynamodb/engine.ts';
import { type DynamoProxy, startDynamoProxy } from '../../emulator/dynamodb/proxy.ts';
import { ensureTables } from '../../emulator/dynamodb/tables.ts';

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

/**
 * A test engine behind the emulator's IAM-checking proxy in TEST_REGION, with `tables` created
 * through it by an administrator. The caller stops proxy and engine (and destroys `admin`).
 */
export async function startProxiedEngine(
  auth: Authorizer,
  accountId: string,
  tables: CreateTableCommandInput[],
): Promise<{ engine: Engine; proxy: DynamoProxy; admin: ReturnType<typeof adminClients> }> {
  const engine = await startTestEngine();
  const proxy = await startDynamoProxy({ target: engine.endpoint, auth, region: TEST_REGION, accountId });
  const admin = adminClients(proxy.url);
  await ensureTables(admin.ddb, tables);
  return { engine, proxy, admin };
}

/**
 * For a describe block (or a file): an engine started before its tests, with admin clients,
 * and stopped after. Read `ddb`/`doc` inside tests, once the hook has filled them.
 */
export function useTestEngine(kind?: EngineKind): {
  engine: Engine;
  ddb: DynamoDBClient;
  doc: DynamoDBDocumentClient;
} {
  const fixture = {} as { engine: Engine; ddb: DynamoDBClient; doc: DynamoDBDocumentClient };
  beforeAll(async () => {
    fixture.engine = await startTestEngine(kind);
    Object.assign(fixture, adminClients(fixture.engine.endpoint));
  });
  afterAll(async () => {
    fixture.ddb?.destroy();
    await fixture.engine?.stop();
  });
  return fixture;
}
