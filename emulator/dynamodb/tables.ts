/**
 * Table bootstrap. The workshop created User, Chat and Game by hand in the console; names and key
 * types are case-sensitive, which is one of the pitfalls it hit, so they are spelled out here once.
 */
import type { CreateTableCommandInput, DynamoDBClient, TableDescription } from '@aws-sdk/client-dynamodb';
import { sdk } from './lazy-sdk.ts';

const onDemand = { BillingMode: 'PAY_PER_REQUEST' } as const;

/** The three tables exactly as the 2019 workshop made them (step 2). */
export const workshopTables: CreateTableCommandInput[] = [
  {
    TableName: 'User',
    KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'connectionId', AttributeType: 'S' }],
    ...onDemand,
  },
  {
    TableName: 'Chat',
    KeySchema: [{ AttributeName: 'timestamp', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'timestamp', AttributeType: 'S' }],
    ...onDemand,
  },
  {
    TableName: 'Game',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
    ...onDemand,
  },
];

export type TableResult = { name: string; status: 'created' | 'exists' };

/**
 * Creates each table that is missing and checks that existing ones have the expected key schema,
 * so a table made by hand with the wrong key type fails here with a message, not later with a
 * ValidationException in the middle of a game.
 */
export async function ensureTables(
  client: DynamoDBClient,
  tables: CreateTableCommandInput[],
  log: (line: string) => void = () => {},
): Promise<TableResult[]> {
  const { CreateTableCommand, ResourceInUseException, waitUntilTableExists } = sdk.dynamodb();
  return Promise.all(
    tables.map(async (spec): Promise<TableResult> => {
      const name = spec.TableName ?? '';
      const existing = await describe(client, name);
      if (existing) {
        assertSameKeys(spec, existing);
        return { name, status: 'exists' };
      }
      try {
        await client.send(new CreateTableCommand(spec));
      } catch (error) {
        // Another process created it between our describe and create: fine, check it below.
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      await waitUntilTableExists(
        { client, maxWaitTime: 60, minDelay: 0.2, maxDelay: 1 },
        { TableName: name },
      );
      log(`created table ${name}`);
      return { name, status: 'created' };
    }),
  );
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  const { DescribeTableCommand, ResourceNotFoundException } = sdk.dynamodb();
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

export function keyDescription(
  table: Pick<CreateTableCommandInput, 'KeySchema' | 'AttributeDefinitions'>,
): string {
  const types = new Map(table.AttributeDefinitions?.map((a) => [a.AttributeName, a.AttributeType]));
  return (table.KeySchema ?? [])
    .map((k) => `${k.AttributeName} ${types.get(k.AttributeName)} (${k.KeyType})`)
    .join(', ');
}

function assertSameKeys(spec: CreateTableCommandInput, existing: TableDescription): void {
  const want = keyDescription(spec);
  const have = keyDescription(existing);
  if (want !== have) {
    throw new Error(
      `table ${spec.TableName} exists with key ${have}, but this stack needs ${want}. ` +
        'Delete the table (or start with a fresh --persist directory) and run again.',
    );
  }
}
