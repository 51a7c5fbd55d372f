/**
 * Lesson 2, reference: the workshop's three tables, created through the API instead of the
 * console. Names and key types are exactly the workshop's; the code in lessons 3 and 4 relies on them.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

export const tables: CreateTableCommandInput[] = [
  {
    // One row per open WebSocket connection; the connection id is a string.
    TableName: 'User',
    KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'connectionId', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
  {
    // One row per chat message, keyed by its ISO time string.
    TableName: 'Chat',
    KeySchema: [{ AttributeName: 'timestamp', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'timestamp', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
  {
    // The single game row, id 1: a number, so the key is N.
    TableName: 'Game',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
];

export async function createTables(
  client: DynamoDBClient,
  log: (line: string) => void = console.log,
): Promise<void> {
  for (const table of tables) {
    log(`creating table ${table.TableName}…`);
    await client.send(new CreateTableCommand(table));
    // CreateTable returns while the table is still CREATING; writes before ACTIVE fail on AWS.
    await waitUntilTableExists(
      { client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
      { TableName: table.TableName },
    );
  }
}
