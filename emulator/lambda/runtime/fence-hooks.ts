/** ES module resolution hooks for fence.ts (see there): in-thread (registerHooks) or in a loader thread (register). */
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FenceData } from './fence.ts';
import { isBare, isInside, packageName } from './paths.ts';

export interface ResolveContext {
  parentURL?: string;
  /** Export conditions: `require` for a require() call, `import` for an import. */
  conditions?: readonly string[];
}

let fence: FenceData = { taskRoot: '/', nodePath: [] };

export function initialize(data: FenceData): void {
  fence = data;
}

/** The hook for module.register(), which runs in a loader thread. */
export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: (specifier: string, context: ResolveContext) => Promise<unknown>,
): Promise<unknown> {
  return fencedResolve(fence, specifier, context, next);
}

/** The fence's rule for an import, with `next` synchronous (module.registerHooks) or not (module.register). */
export function fencedResolve<T>(
  data: FenceData,
  specifier: string,
  context: ResolveContext,
  next: (specifier: string, context: ResolveContext) => T,
): T {
  const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
  if (!parent || !isBare(specifier) || isBuiltin(specifier) || !isInside(parent, data.taskRoot)) {
    return next(specifier, context);
  }
  const name = packageName(specifier);
  // Node looks in node_modules from the importer up; only the folders inside the task root exist on AWS.
  for (let dir = path.dirname(parent); isInside(dir, data.taskRoot); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', name))) return next(specifier, context);
    if (dir === data.taskRoot) break;
  }
  for (const folder of data.nodePath) {
    if (path.basename(folder) !== 'node_modules' || !existsSync(path.join(folder, name))) continue;
    return next(specifier, { ...context, parentURL: pathToFileURL(path.join(folder, 'index.mjs')).href });
  }
  const error = new Error(`Cannot find package '${name}' imported from ${parent}`);
  throw Object.assign(error, { code: 'ERR_MODULE_NOT_FOUND' });
}
