/**
 * The runtime-provided packages, as /var/runtime/node_modules on Lambda: AWS SDK for
 * JavaScript v3 and what it is made of, and nothing else. A folder of symlinks into the
 * workbench's own node_modules, put on the instances' NODE_PATH, so that every function can
 * resolve `@aws-sdk/*` wherever its code lives, while the workbench's other packages (aws-sdk
 * v2 among its devDependencies) stay out of reach, as on AWS.
 */
import { mkdir, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Scopes the Node.js runtime image ships; their packages' own dependencies resolve from their real location. */
const PROVIDED_SCOPES = ['@aws-sdk', '@smithy', '@aws-crypto'];

/** Creates `<dir>/node_modules` and returns its path. */
export async function prepareRuntimeModules(dir: string): Promise<string> {
  const target = path.join(dir, 'node_modules');
  await mkdir(target, { recursive: true });
  const source = workbenchNodeModules();
  for (const scope of PROVIDED_SCOPES) {
    try {
      await symlink(path.join(source, scope), path.join(target, scope), 'dir');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return target;
}

/** The node_modules folder the workbench's SDK v3 is installed in. */
function workbenchNodeModules(): string {
  const pkg = createRequire(import.meta.url).resolve('@aws-sdk/client-dynamodb/package.json');
  return path.dirname(path.dirname(path.dirname(pkg)));
}
