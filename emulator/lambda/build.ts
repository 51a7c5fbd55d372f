/**
 * Readies function code for instances. JavaScript runs in place, from its own folder, as Node
 * on Lambda runs it (`.js` CommonJS unless package.json says `"type": "module"`, `.mjs` ESM,
 * `.cjs` CommonJS: runtime/load-handler.ts). TypeScript is compiled, as a deploy would ship
 * it: esbuild bundles it into one ES module. A build failure is not thrown: it becomes the init
 * error every invocation of that function reports, as a deployment with broken code would.
 * Also bundles the instance runtime.
 */
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message } from 'esbuild';
import { cachedBuild } from '../build-cache.ts';
import type { FunctionSpec } from '../stack.ts';
import type { RuntimeError } from './protocol.ts';

/** Provided by the runtime, never bundled: SDK v3 as Lambda's Node.js image ships it, and SDK
 * v2 so that the runtime (not the bundler) reports it missing, as AWS does. */
const EXTERNAL = ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*', 'aws-sdk', 'aws-sdk/*'];

// ESM output with a real `require`, so CommonJS code's require('aws-sdk') goes through Node's
// resolver (where the runtime's resolution rules apply) instead of esbuild's "Dynamic require" stub.
const REQUIRE_BANNER =
  "import { createRequire as __lambdaHostCreateRequire } from 'node:module';\n" +
  'const require = __lambdaHostCreateRequire(import.meta.url);';

/** `handlerModule`: the module part of `_HANDLER`, relative to `taskRoot` (`index`, `src/app`).
 * `inputs`: what to watch for reload (source files, or the code folder's directories). */
export type FunctionBuild =
  | { ok: true; taskRoot: string; handlerModule: string; inputs: string[] }
  | { ok: false; error: RuntimeError; inputs: string[] };

const COMPILED = new Set(['.ts', '.mts', '.cts', '.tsx']);
/** Directories watched for an in-place function at most (a code folder is small; node_modules is skipped). */
const MAX_WATCHED_DIRS = 500;

/** `nodePaths` are the layers' module folders, where a bundled import may be found. */
export async function prepareFunction(
  spec: FunctionSpec,
  outDir: string,
  nodePaths: string[] = [],
): Promise<FunctionBuild> {
  if (COMPILED.has(path.extname(spec.entry))) return buildFunction(spec.entry, outDir, nodePaths);
  const taskRoot = codeRootOf(spec);
  const module = path.relative(taskRoot, spec.entry).replace(/\.(c|m)?js$/, '');
  return { ok: true, taskRoot, handlerModule: module.split(path.sep).join('/'), inputs: codeDirs(taskRoot) };
}

/** The folder a deploy ships (LAMBDA_TASK_ROOT): the stack's, when the entry lies inside it. */
function codeRootOf(spec: FunctionSpec): string {
  const dir = path.dirname(spec.entry);
  if (!spec.codeRoot) return dir;
  const relative = path.relative(spec.codeRoot, spec.entry);
  return relative.startsWith('..') || path.isAbsolute(relative) ? dir : path.resolve(spec.codeRoot);
}

/** The code folder and its subfolders, but not node_modules or hidden ones: what a reload watches. */
function codeDirs(root: string): string[] {
  const dirs: string[] = [];
  const queue = [root];
  while (queue.length > 0 && dirs.length < MAX_WATCHED_DIRS) {
    const dir = queue.shift() as string;
    dirs.push(dir);
    try {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
          queue.push(path.join(dir, entry.name));
        }
      }
    } catch {
      // Unreadable: not watched.
    }
  }
  return dirs;
}

/** Builds `entry` into `<outDir>/index.mjs`; `nodePaths` are the layers' module folders. */
export async function buildFunction(
  entry: string,
  outDir: string,
  nodePaths: string[] = [],
): Promise<FunctionBuild> {
  await mkdir(outDir, { recursive: true });
  const moduleFile = path.join(outDir, 'index.mjs');
  try {
    // Reused from an earlier start while none of its inputs changed (build-cache.ts).
    const result = await cachedBuild({
      entryPoints: [entry],
      outfile: moduleFile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      // The map beside the bundle (index.mjs.map), read by --enable-source-maps at load, which
      // only parses its JSON there and decodes the mappings at the first stack it formats. Inline,
      // it also stayed in V8's copy of the module's source for good (~1.8 MB per instance).
      sourcemap: 'linked',
      // Mappings only: stack traces still name the .ts line, and the instance keeps ~15 MB less
      // of its MemorySize for a source copy nobody reads (our app: 112 → 97 MB of 128, 91 with the heap flags).
      sourcesContent: false,
      external: EXTERNAL,
      nodePaths,
      banner: { js: REQUIRE_BANNER },
      logLevel: 'silent',
    });
    return { ok: true, taskRoot: outDir, handlerModule: 'index', inputs: sourceInputs(result.inputs) };
  } catch (err) {
    const errors: Message[] = (err as { errors?: Message[] }).errors ?? [];
    const inputs = errors.flatMap((m) => (m.location ? [m.location.file] : []));
    return { ok: false, error: buildError(entry, errors, err), inputs: sourceInputs([entry, ...inputs]) };
  }
}

/** Bundles the instance bootstrap and its ESM resolution hooks into `<outDir>`. */
export async function buildRuntime(outDir: string): Promise<{ bootstrap: string; reaper: string }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  await cachedBuild({
    entryPoints: {
      bootstrap: path.join(here, 'runtime', 'bootstrap.ts'),
      'fence-hooks': path.join(here, 'runtime', 'fence-hooks.ts'),
      reaper: path.join(here, 'runtime', 'reaper.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  return { bootstrap: path.join(outDir, 'bootstrap.mjs'), reaper: path.join(outDir, 'reaper.mjs') };
}

function sourceInputs(files: string[]): string[] {
  const absolute = files.map((f) => path.resolve(f));
  return [...new Set(absolute.filter((f) => !f.split(path.sep).includes('node_modules')))];
}

/**
 * An unresolvable import is what the runtime would report as Runtime.ImportModuleError; anything
 * else esbuild rejects is a syntax error in the user's code (Runtime.UserCodeSyntaxError).
 */
function buildError(entry: string, errors: Message[], err: unknown): RuntimeError {
  const first = errors[0];
  if (!first) {
    const message = err instanceof Error ? err.message : String(err);
    return { errorType: 'Runtime.UserCodeSyntaxError', errorMessage: `SyntaxError: ${message}`, trace: [] };
  }
  const where = first.location
    ? `${path.resolve(first.location.file)}:${first.location.line}:${first.location.column + 1}`
    : entry;
  const unresolved = /^Could not resolve "([^"]+)"/.exec(first.text);
  const trace = errors.map((m) =>
    m.location
      ? `${m.text} (${path.resolve(m.location.file)}:${m.location.line}:${m.location.column + 1})`
      : m.text,
  );
  if (unresolved) {
    return {
      errorType: 'Runtime.ImportModuleError',
      errorMessage: `Error: Cannot find module '${unresolved[1]}'\nRequire stack:\n- ${where}`,
      trace,
    };
  }
  return {
    errorType: 'Runtime.UserCodeSyntaxError',
    errorMessage: `SyntaxError: ${first.text} (${where})`,
    trace,
  };
}
