/**
 * Python code is not bundled: the function's folder is its task root, as the unzipped deployment
 * package is on AWS, and the module is imported from there by runtimes/python/bootstrap.py.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FunctionBuild } from '../build.ts';

/**
 * The task root and dotted module name of a handler file. A file inside packages (folders with
 * __init__.py) is imported as part of them, as `src/app.handler` on AWS imports `src.app`.
 */
export function pythonModule(entry: string): { taskRoot: string; module: string } {
  let taskRoot = path.dirname(entry);
  const parts = [path.basename(entry, '.py')];
  while (existsSync(path.join(taskRoot, '__init__.py')) && path.dirname(taskRoot) !== taskRoot) {
    parts.unshift(path.basename(taskRoot));
    taskRoot = path.dirname(taskRoot);
  }
  return { taskRoot, module: parts.join('.') };
}

export function pythonBuild(entry: string): FunctionBuild {
  if (path.extname(entry) !== '.py') {
    return {
      ok: false,
      error: {
        errorType: 'Runtime.ImportModuleError',
        errorMessage: `Unable to import module '${path.basename(entry)}': a Python runtime runs .py modules`,
        trace: [],
      },
      inputs: [entry],
    };
  }
  const { taskRoot, module } = pythonModule(entry);
  return { ok: true, taskRoot, handlerModule: module, inputs: [entry] };
}
