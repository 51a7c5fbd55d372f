/**
 * The one administrator's DynamoDB client: what the emulator, its seeders, the lesson checks and
 * the tests use to create tables and look at rows, outside any function's role. Every caller
 * gets the same document-client marshalling (undefined attributes dropped, as the app writes).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sdk } from './lazy-sdk.ts';

export interface AdminCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Keys no role owns. On a loopback emulator (`--auth open`) the IAM-enforcing endpoint treats
 * them as an administrator, like your own console login; the engine behind it takes any key.
 */
export const LOCAL_ADMIN: AdminCredentials = {
  accessKeyId: 'AKIALOCALADMIN000000',
  secretAccessKey: 'local-admin-secret',
};

export interface AdminClient {
  ddb: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  /** Closes the client's sockets. */
  close(): void;
}

export function adminClient(
  endpoint: string,
  region: string,
  options: { credentials?: AdminCredentials; maxAttempts?: number } = {},
): AdminClient {
  const { DynamoDBClient } = sdk.dynamodb();
  const { DynamoDBDocumentClient } = sdk.document();
  const ddb = new DynamoDBClient({
    endpoint,
    region,
    credentials: options.credentials ?? LOCAL_ADMIN,
    maxAttempts: options.maxAttempts ?? 2,
  });
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  return { ddb, doc, close: () => ddb.destroy() };
}
