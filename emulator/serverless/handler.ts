/**
 * `path/to/module.exportName`, as serverless.yml's `handler:` and SAM's `Handler:` name a
 * function's code, to the module file and its export. Paths start at the stack file's folder
 * (SAM: the function's CodeUri), as the deployment package's root does on AWS.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const NODE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

export function resolveHandler(
  baseDir: string,
  handler: string,
  where: string,
  runtime?: string,
): { entry: string; exportName: string } {
  const extensions = runtime?.startsWith('python') ? ['.py'] : NODE_EXTENSIONS;
  const dot = handler.lastIndexOf('.');
  const modulePath = handler.slice(0, dot);
  const entry =
    dot > 0
      ? extensions.map((ext) => resolve(baseDir, modulePath + ext)).find((p) => existsSync(p))
      : undefined;
  if (!entry) {
    throw new Error(
      `${where}: handler ${handler} names no module (looked for ${modulePath || handler}{${extensions.join(',')}} in ${baseDir}).`,
    );
  }
  return { entry, exportName: handler.slice(dot + 1) };
}
