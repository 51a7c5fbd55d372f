/**
 * `npm run docs` preloads this (node --import). typedoc 0.28 is built on TypeScript's JavaScript
 * compiler API, which TypeScript 7 (the project's compiler, native) no longer ships; so typedoc's
 * own `import 'typescript'` is pointed at TypeScript 6 (the `typescript-for-typedoc` alias in
 * devDependencies) and every other import, `tsc` included, keeps TypeScript 7.
 * Plain .mjs because loader hooks run on their own thread, before tsx could compile anything.
 */
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

// The same file is the hooks module: registering it again from the hooks thread would loop.
if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  if (
    (specifier === 'typescript' || specifier.startsWith('typescript/')) &&
    context.parentURL?.includes('/node_modules/typedoc/')
  ) {
    return nextResolve(specifier.replace(/^typescript/, 'typescript-for-typedoc'), context);
  }
  return nextResolve(specifier, context);
}
