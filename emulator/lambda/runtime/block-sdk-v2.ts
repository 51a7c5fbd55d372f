/**
 * Makes `aws-sdk` (v2) unresolvable, as on Lambda's Node.js 18+ runtimes, even when some
 * package in node_modules happens to depend on it: for require() by patching CommonJS
 * resolution, for import by a resolution hook registered with module.register().
 */
import Module, { register } from 'node:module';
import { isSdkV2 } from './sdk-v2.ts';

interface CjsModule {
  filename?: string;
  id?: string;
  parent?: CjsModule | null;
}

type ResolveFilename = (request: string, parent: CjsModule | undefined, ...rest: unknown[]) => string;

export function blockSdkV2(hooksUrl: URL): void {
  const cjs = Module as unknown as { _resolveFilename: ResolveFilename };
  const original = cjs._resolveFilename;
  cjs._resolveFilename = function (this: unknown, request, parent, ...rest) {
    if (isSdkV2(request)) throw cannotFindModule(request, parent);
    return original.call(this, request, parent, ...rest);
  };
  register(hooksUrl);
}

/** The error Node itself throws for a missing CommonJS module, require stack included. */
function cannotFindModule(request: string, parent: CjsModule | undefined): Error {
  const requireStack: string[] = [];
  for (let m: CjsModule | null | undefined = parent; m; m = m.parent) {
    const name = m.filename ?? m.id;
    if (name && !requireStack.includes(name)) requireStack.push(name);
  }
  let message = `Cannot find module '${request}'`;
  if (requireStack.length > 0) message += `\nRequire stack:\n- ${requireStack.join('\n- ')}`;
  return Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND', requireStack });
}
