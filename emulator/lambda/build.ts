/**
 * Bundles function code and the instance runtime with esbuild. A function's build failure is
 * not thrown: it becomes the init error every invocation of that function reports, as a
 * deployment with broken code would on AWS.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Message } from 'esbuild';
import type { RuntimeError } from './protocol.ts';

/** Provided by the runtime, never bundled: SDK v3 as Lambda's Node.js 20 image ships it, and
 * SDK v2 so that the runtime (not the bundler) reports it missing, as AWS does. */
const EXTERNAL = ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*', 'aws-sdk', 'aws-sdk/*'];

// ESM output with a real `require`, so CommonJS code's require('aws-sdk') goes through Node's
// resolver (where the runtime blocks it) instead of esbuild's "Dynamic require" stub.
const REQUIRE_BANNER =
  "import { createRequire as __lambdaHostCreateRequire } from 'node:module';\n" +
  'const require = __lambdaHostCreateRequire(import.meta.url);';

export type FunctionBuild =
  | { ok: true; taskRoot: string; moduleFile: string; inputs: string[] }
  | { ok: false; error: RuntimeError; inputs: string[] };

/** Builds `entry` into `<outDir>/index.mjs`; `nodePaths` are the layers' module folders. */
export async function buildFunction(
  entry: string,
  outDir: string,
  nodePaths: string[] = [],
): Promise<FunctionBuild> {
  await mkdir(outDir, { recursive: true });
  const moduleFile = path.join(outDir, 'index.mjs');
  try {
    const result = await build({
      entryPoints: [entry],
      outfile: moduleFile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      sourcemap: 'inline',
      external: EXTERNAL,
      nodePaths,
      banner: { js: REQUIRE_BANNER },
      metafile: true,
      logLevel: 'silent',
    });
    return {
      ok: true,
      taskRoot: outDir,
      moduleFile,
      inputs: sourceInputs(Object.keys(result.metafile.inputs)),
    };
  } catch (err) {
    const errors: Message[] = (err as { errors?: Message[] }).errors ?? [];
    const inputs = errors.flatMap((m) => (m.location ? [m.location.file] : []));
    return { ok: false, error: buildError(entry, errors, err), inputs: sourceInputs([entry, ...inputs]) };
  }
}

/** Bundles the instance bootstrap and its ESM resolution hooks into `<outDir>`. */
export async function buildRuntime(outDir: string): Promise<{ bootstrap: string; reaper: string }> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  await build({
    entryPoints: {
      bootstrap: path.join(here, 'runtime', 'bootstrap.ts'),
      'block-sdk-v2-hooks': path.join(here, 'runtime', 'block-sdk-v2-hooks.ts'),
      reaper: path.join(here, 'runtime', 'reaper.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'inline',
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
