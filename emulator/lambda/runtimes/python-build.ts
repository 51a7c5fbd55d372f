/**
 * Python code is not bundled: the function's folder is its task root, as the unzipped deployment
 * package is on AWS, and the module is imported from there by runtimes/python/bootstrap.py.
 */
import path from 'node:path';
import type { FunctionBuild } from '../build.ts';

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
  return { ok: true, taskRoot: path.dirname(entry), moduleFile: entry, inputs: [entry] };
}
