/** ES module resolution hooks (module.register) for fence.ts: see there. */
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FenceData } from './fence.ts';
import { isBare, isInside, packageName } from './paths.ts';

interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<unknown>;

let fence: FenceData = { taskRoot: '/', nodePath: [] };

export function initialize(data: FenceData): void {
  fence = data;
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<unknown> {
  const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
  if (!parent || !isBare(specifier) || isBuiltin(specifier) || !isInside(parent, fence.taskRoot)) {
    return next(specifier, context);
  }
  const name = packageName(specifier);
  // Node looks in node_modules from the importer up; only the folders inside the task root exist on AWS.
  for (let dir = path.dirname(parent); isInside(dir, fence.taskRoot); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', name))) return next(specifier, context);
    if (dir === fence.taskRoot) break;
  }
  for (const folder of fence.nodePath) {
    if (path.basename(folder) !== 'node_modules' || !existsSync(path.join(folder, name))) continue;
    return next(specifier, { ...context, parentURL: pathToFileURL(path.join(folder, 'index.mjs')).href });
  }
  const error = new Error(`Cannot find package '${name}' imported from ${parent}`);
  throw Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND' });
}
