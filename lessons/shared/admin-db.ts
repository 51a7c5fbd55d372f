/** An administrator's view of the emulator's tables, to see what the learner's function wrote. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULTS } from '../../emulator/stack.ts';

export interface AdminDb {
  doc: DynamoDBDocumentClient;
  scanAll(table: string): Promise<Record<string, unknown>[]>;
  get(table: string, key: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  close(): void;
}

export function adminDb(endpoint: string): AdminDb {
  // Keys no role owns act as an administrator, like your own login in the console.
  const ddb = new DynamoDBClient({
    endpoint,
    region: DEFAULTS.region,
    credentials: { accessKeyId: 'AKIALESSONADMIN00000', secretAccessKey: 'lesson-admin' },
    maxAttempts: 2,
  });
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  return {
    doc,
    scanAll: async (table) => {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    get: async (table, key) =>
      (await doc.send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item,
    close: () => ddb.destroy(),
  };
}
