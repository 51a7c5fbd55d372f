/**
 * Lesson 2, exercise: create the workshop's tables through the API.
 *
 * In 2019 you opened the DynamoDB console and pressed "Create table" three times, typing a name
 * and a partition key each time. Here each table is one CreateTable request. User is done for
 * you; finish Chat and Game, then run `npm run lesson:2`.
 *
 * Remember from the workshop: names and keys are case-sensitive ("User" is not "user").
 */
import {
  type CreateTableCommandInput,
  CreateTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

export const tables: CreateTableCommandInput[] = [
  {
    // One row per open WebSocket connection; the connection id is a string (S).
    TableName: 'User',
    KeySchema: [{ AttributeName: 'connectionId', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'connectionId', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  },

  // TODO(Chat): add the Chat table. One row per chat message; its partition key is
  // `timestamp`, a string (the ISO time the message arrived). Copy the shape of User above.

  {
    // The game row. The workshop stores it under id 1.
    TableName: 'Game',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    // TODO(Game): the workshop's key `id` is a number. Which AttributeType is a number?
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
];

export async function createTables(client: DynamoDBClient, log: (line: string) => void = console.log): Promise<void> {
  for (const table of tables) {
    log(`creating table ${table.TableName}…`);
    await client.send(new CreateTableCommand(table));
    // CreateTable returns while the table is still CREATING; wait until it is ACTIVE.
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: table.TableName });
  }
}
