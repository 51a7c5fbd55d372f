/**
 * Seeds a stack's tables with the seeder module serverless.yml declares in
 * `custom.workbench.seed` (our app: lambda/src/words/seed.ts, the word bank and the default room's
 * first game), so `npm start` and `npm run offline` play the same words. A service that declares
 * none has nothing to seed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { adminClient } from '../dynamodb/admin-client.ts';
import { builtEntry } from '../launch/built-entry.mjs';

import { parseServerlessYaml } from './yaml.ts';

const REPO = resolve(import.meta.dirname, '..', '..');

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
  /** See Stack.seedFingerprint: known for our own TypeScript seeder, which runs built. */
  fingerprint(): Promise<string | undefined>;
}

/** A TypeScript seeder in this repository (ours): it runs built, its sources tracked. */
function isOurs(file: string): boolean {
  return /\.[cm]?ts$/.test(file) && !relative(REPO, file).startsWith('..');
}

/**
 * A seeder written in TypeScript: ours runs built, as `npm start` itself does; another app's loads
 * through tsx, scoped to it, so that its imports resolve from its own node_modules.
 */
async function importModule(file: string): Promise<unknown> {
  if (!/\.[cm]?ts$/.test(file)) return import(pathToFileURL(file).href);
  if (isOurs(file)) return import(pathToFileURL(await builtEntry(file)).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(file).href, import.meta.url);
}

/** The seeder module `custom.workbench.seed` names, resolved against the service directory. */
export function declaredSeederFile(custom: unknown, serviceDir: string, file: string): string | undefined {
  const workbench = (custom as { workbench?: { seed?: unknown } } | undefined)?.workbench;
  const declared = workbench?.seed;
  if (declared === undefined || declared === null || declared === '') return undefined;
  if (typeof declared !== 'string') {
    throw new Error(
      `${file}: custom.workbench.seed must be the path of a module, not ${JSON.stringify(declared)}.`,
    );
  }
  const path = resolve(serviceDir, declared);
  if (!existsSync(path)) {
    throw new Error(
      `${file}: custom.workbench.seed names ${declared}, which is not a file in ${serviceDir}.`,
    );
  }
  return path;
}

/** The seeder serverless.yml declares, for commands that do not load the whole stack (`npm run offline`). */
export async function declaredSeeder(
  serverlessYml: string,
  log: (line: string) => void = () => {},
): Promise<AppSeeder | undefined> {
  const config = parseServerlessYaml(await readFile(serverlessYml, 'utf8'), serverlessYml);
  const file = declaredSeederFile(config.custom, dirname(serverlessYml), serverlessYml);
  return file ? appSeeder(file, log) : undefined;
}

/** The seed the module at `file` exports (seedApp or seedWordBank, and loadDictionaryNouns). */
export function appSeeder(file: string, log: (line: string) => void = () => {}): AppSeeder {
  let prepared: Promise<{ seed: Seeder; nouns?: Iterable<string> }> | undefined;
  const prepare = () => {
    prepared ??= (async () => {
      const module = (await importModule(file)) as SeederModule;
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
    fingerprint: async () => {
      // The built file holds every line of the seeder's own code; the packages it imports (the
      // dictionary among them) are pinned by the lock file.
      if (!isOurs(file)) return undefined;
      const hash = createHash('sha256').update(await readFile(await builtEntry(file)));
      return hash.update(await readFile(resolve(REPO, 'package-lock.json'))).digest('hex');
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
