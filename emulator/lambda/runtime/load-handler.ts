/**
 * Loads the function's module the way Lambda's Node.js runtime does (aws-lambda-nodejs-runtime-
 * interface-client, UserFunction.js): `_HANDLER=src/app.handler` names `src/app` under
 * LAMBDA_TASK_ROOT, tried as the file itself, then `.js` by require() unless the nearest
 * package.json says `"type": "module"`, then `.js` by import() if it does, `.mjs` by import(),
 * `.cjs` by require(). So CommonJS runs as CommonJS (sloppy mode, `exports`, `require`) and ES
 * modules as ES modules, exactly as Node decides for the file in place.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export async function loadFunctionModule(
  taskRoot: string,
  moduleName: string,
): Promise<Record<string, unknown>> {
  const base = path.resolve(taskRoot, moduleName);
  // Required from the runtime, so a require stack ends with it, as with /var/runtime/index.mjs.
  const require = createRequire(import.meta.url);
  if (isFile(base)) return require(base) as Record<string, unknown>;
  const typeModule = nearestPackageType(base) === 'module';
  if (!typeModule && isFile(`${base}.js`)) return require(`${base}.js`) as Record<string, unknown>;
  if (typeModule && isFile(`${base}.js`)) return importFile(`${base}.js`);
  if (isFile(`${base}.mjs`)) return importFile(`${base}.mjs`);
  if (isFile(`${base}.cjs`)) return require(`${base}.cjs`) as Record<string, unknown>;
  const runtime = fileURLToPath(import.meta.url);
  const error = new Error(`Cannot find module '${moduleName}'\nRequire stack:\n- ${runtime}`);
  throw Object.assign(error, { code: 'MODULE_NOT_FOUND' });
}

async function importFile(file: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The `type` of the nearest package.json above `file`, as Node reads it. */
function nearestPackageType(file: string): string | undefined {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    try {
      const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: unknown };
      return typeof json.type === 'string' ? json.type : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
