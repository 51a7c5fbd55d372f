/**
 * Seeds the word bank into the offline tables with the app's own seeder, so `npm run offline`
 * and `npm start` play with the same words. Skipped (with a line saying so) while the app's
 * seeder does not exist, and for service directories that are not the app's.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const SEEDER_PATH = 'lambda/src/words/seed.ts';

type Seeder = (doc: DynamoDBDocumentClient) => Promise<unknown>;

export async function seedWordBankIfPresent(
  serviceDir: string,
  endpoint: string,
  log: (line: string) => void,
  region = 'ap-northeast-2',
): Promise<boolean> {
  const file = join(serviceDir, SEEDER_PATH);
  if (!existsSync(file)) {
    log(`offline: no ${SEEDER_PATH} in ${serviceDir}; the word bank is not seeded`);
    return false;
  }
  const module = (await import(pathToFileURL(file).href)) as { seedWordBank?: Seeder };
  if (typeof module.seedWordBank !== 'function') {
    throw new Error(`${file} does not export seedWordBank(doc); the word bank cannot be seeded.`);
  }
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIAOFFLINESEED00000', secretAccessKey: 'offline-seed' },
  });
  try {
    log(`offline: seeding the word bank into ${endpoint}`);
    await module.seedWordBank(DynamoDBDocumentClient.from(client));
    return true;
  } finally {
    client.destroy();
  }
}
