/**
 * Module resolution as on Lambda, where the function's code is all there is under
 * LAMBDA_TASK_ROOT (/var/task) and nothing sits above it: a package is found in the function's
 * own node_modules, else in the NODE_PATH folders the runtime provides (SDK v3 and its
 * dependencies), else not at all. Here the code folder may sit inside a checkout whose
 * node_modules holds anything (aws-sdk v2 among the devDependencies), so lookups that would
 * climb out of the task root are cut off.
 *
 * - require(): Node's CommonJS loader asks `Module._nodeModulePaths(dir)` where to look; for
 *   code inside the task root, the folders outside it are dropped. NODE_PATH is Node's own.
 * - import: a resolution hook (fence-hooks.ts) does the same, and falls back to the NODE_PATH
 *   folders, which ES modules otherwise ignore (on AWS, `import '@aws-sdk/client-…'` works from
 *   an unbundled .mjs).
 */
import { realpathSync } from 'node:fs';
import Module, { register } from 'node:module';
import path from 'node:path';
import { fencedResolve, type ResolveContext } from './fence-hooks.ts';
import { isInside } from './paths.ts';

export interface FenceData {
  taskRoot: string;
  nodePath: string[];
}

type NodeModulePaths = (from: string) => string[];
type NextResolve = (specifier: string, context: ResolveContext) => unknown;
type RegisterHooks = (hooks: {
  resolve: (specifier: string, context: ResolveContext, next: NextResolve) => unknown;
}) => unknown;

export function fenceResolution(hooksUrl: URL): FenceData {
  const taskRoot = real(process.env.LAMBDA_TASK_ROOT ?? process.cwd());
  const nodePath = (process.env.NODE_PATH ?? '').split(path.delimiter).filter(Boolean);
  const cjs = Module as unknown as { _nodeModulePaths: NodeModulePaths };
  const original = cjs._nodeModulePaths;
  cjs._nodeModulePaths = (from) => {
    const paths = original(from);
    if (!isInside(from, taskRoot)) return paths;
    return paths.filter((p) => isInside(path.dirname(p), taskRoot));
  };
  const data: FenceData = { taskRoot, nodePath };
  const { registerHooks } = Module as unknown as { registerHooks?: RegisterHooks };
  if (typeof registerHooks === 'function') {
    // In-thread hooks (Node 22.15+, 24). module.register() runs them in a loader thread that every
    // import, and every require() of a CommonJS file imported by ESM, waits on: about a third of
    // a cold start's CPU for a function that imports the AWS SDK. require() keeps Node's own
    // resolution, fenced by _nodeModulePaths above, so its errors stay CommonJS's.
    registerHooks({
      resolve: (specifier, context, next) =>
        context.conditions?.includes('require')
          ? next(specifier, context)
          : fencedResolve(data, specifier, context, next),
    });
  } else {
    register(hooksUrl, { data });
  }
  return data;
}

function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
