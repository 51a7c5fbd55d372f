/** An administrator's view of the emulator's tables, to see what the learner's function wrote. */
import { type DynamoDBDocumentClient, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { adminClient } from '../../emulator/dynamodb/admin-client.ts';
import { DEFAULTS } from '../../emulator/stack.ts';

export interface AdminDb {
  doc: DynamoDBDocumentClient;
  scanAll(table: string): Promise<Record<string, unknown>[]>;
  get(table: string, key: Record<string, unknown>): Promise<Record<string, unknown> | undefined>;
  close(): void;
}

export function adminDb(endpoint: string): AdminDb {
  const { doc, close } = adminClient(endpoint, DEFAULTS.region);
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
    close,
  };
}
