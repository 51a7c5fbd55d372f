/**
 * Seeds the app's tables with the app's own seeder (lambda/src/words/seed.ts: the word bank and
 * the default room's first game), so `npm start` and `npm run offline` play the same words.
 * A service directory without that seeder (a fixture, a lesson) simply has nothing to seed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { adminClient } from '../dynamodb/admin-client.ts';

export const SEEDER_PATH = 'lambda/src/words/seed.ts';

type Seeder = (doc: DynamoDBDocumentClient, options?: { nouns?: Iterable<string> }) => Promise<unknown>;

interface SeederModule {
  seedApp?: Seeder;
  seedWordBank?: Seeder;
  loadDictionaryNouns?: () => Iterable<string>;
}

export interface AppSeeder {
  /** Loads the seeder and its dictionary; `npm start` calls it while the engine is still starting. */
  prepare(): Promise<void>;
  seed(endpoint: string, region: string): Promise<void>;
}

/** The seed for this service directory, or undefined when it has no seeder. */
export function appSeeder(serviceDir: string, log: (line: string) => void = () => {}): AppSeeder | undefined {
  const file = join(serviceDir, SEEDER_PATH);
  if (!existsSync(file)) return undefined;
  let prepared: Promise<{ seed: Seeder; nouns?: Iterable<string> }> | undefined;
  const prepare = () => {
    prepared ??= (async () => {
      const module = (await import(pathToFileURL(file).href)) as SeederModule;
      // seedApp also writes the default room's game; older seeders only had the word bank.
      const seed = module.seedApp ?? module.seedWordBank;
      if (typeof seed !== 'function') {
        throw new Error(
          `${file} exports neither seedApp(doc) nor seedWordBank(doc); nothing can seed the tables.`,
        );
      }
      // Parsing the dictionary is most of the seed's CPU; done here, it overlaps the engine's start.
      const nouns = module.loadDictionaryNouns ? [...module.loadDictionaryNouns()] : undefined;
      return nouns ? { seed, nouns } : { seed };
    })();
    return prepared;
  };
  return {
    prepare: async () => {
      await prepare();
    },
    seed: async (endpoint, region) => {
      const { seed, nouns } = await prepare();
      const { doc, close } = adminClient(endpoint, region);
      try {
        log(`seeding the word bank and the first game into ${endpoint}`);
        await seed(doc, nouns ? { nouns } : {});
      } finally {
        close();
      }
    },
  };
}
