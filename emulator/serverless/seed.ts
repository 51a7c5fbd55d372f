/**
 * Seeds the app's tables with the app's own seeder (lambda/src/words/seed.ts: the word bank and
 * the default room's first game), so `npm start` and `npm run offline` play the same words.
 * A service directory without that seeder (a fixture, a lesson) simply has nothing to seed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const SEEDER_PATH = 'lambda/src/words/seed.ts';

type Seeder = (doc: DynamoDBDocumentClient) => Promise<unknown>;

/** A `Stack.seed` for this service directory, or undefined when it has no seeder. */
export function appSeeder(
  serviceDir: string,
  log: (line: string) => void = () => {},
): ((endpoint: string, region: string) => Promise<void>) | undefined {
  const file = join(serviceDir, SEEDER_PATH);
  if (!existsSync(file)) return undefined;
  return async (endpoint, region) => {
    const module = (await import(pathToFileURL(file).href)) as { seedApp?: Seeder; seedWordBank?: Seeder };
    // seedApp also writes the default room's game; older seeders only had the word bank.
    const seed = module.seedApp ?? module.seedWordBank;
    if (typeof seed !== 'function') {
      throw new Error(
        `${file} exports neither seedApp(doc) nor seedWordBank(doc); nothing can seed the tables.`,
      );
    }
    const client = new DynamoDBClient({
      endpoint,
      region,
      credentials: { accessKeyId: 'AKIASERVERLESSSEED00', secretAccessKey: 'serverless-seed' },
    });
    try {
      log(`seeding the word bank and the first game into ${endpoint}`);
      await seed(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }));
    } finally {
      client.destroy();
    }
  };
}
