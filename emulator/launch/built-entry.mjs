/**
 * A TypeScript entry point (a command, a stack's seeder) built by esbuild into one JavaScript file
 * under .local/launch, and rebuilt only when one of its sources changed. Loading the emulator's
 * ~250 modules through tsx's loader cost about 0.6 s of every start; the built file loads in a
 * fraction of that. Packages stay external (resolved from node_modules as Node always does; a few
 * pure-JavaScript ones are inlined, see INLINED), and
 * each source keeps its own import.meta.url/dirname/filename, so a path computed from a module's
 * location means what it means when the module runs in place.
 *
 * Plain JavaScript: it runs before anything can load TypeScript.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = resolve(import.meta.dirname, '..', '..');
const OUT_DIR = join(REPO, '.local', 'launch');

/**
 * The built file for `entry` (an absolute path), built first when missing or when a source has
 * changed since. `log` hears one line before a build and one after.
 * @param {string} entry
 * @param {(line: string) => void} [log]
 * @returns {Promise<string>}
 */
export async function builtEntry(entry, log = () => {}) {
  const id = createHash('sha256').update(entry).digest('hex').slice(0, 8);
  const name = `${basename(entry).replace(/\.[cm]?ts$/, '')}-${id}`;
  const outFile = join(OUT_DIR, `${name}.mjs`);
  const stampFile = join(OUT_DIR, `${name}.inputs.json`);
  if (isFresh(stampFile)) return outFile;
  const shown = relative(process.cwd(), entry);
  log(`building ${shown.startsWith('..') ? entry : shown} (once after each change to its sources)…`);
  const started = Date.now();
  const { build } = await import('esbuild');
  mkdirSync(OUT_DIR, { recursive: true });
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: outFile,
    write: false,
    metafile: true,
    // A map beside the file, for a debugger; Node reads it only with --enable-source-maps.
    sourcemap: 'linked',
    logLevel: 'error',
    absWorkingDir: dirname(entry),
    // An inlined CommonJS package's require() of a built-in goes through Node's own require.
    banner: {
      js: "import { createRequire as __launchCreateRequire } from 'node:module';\nconst require = __launchCreateRequire(import.meta.url);",
    },
    plugins: [packagesOutside, ownLocation],
  });
  // Two starts at once (tests run in parallel) each write their own files, then rename: a
  // reader sees the old build or the new one, never half of one. The map goes first.
  const outputs = [...result.outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1));
  for (const output of outputs) replaceFile(output.path, output.contents);
  /** @type {Record<string, number>} */
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = resolve(dirname(entry), input);
    inputs[path] = statSync(path).mtimeMs;
  }
  inputs[import.meta.filename] = statSync(import.meta.filename).mtimeMs;
  replaceFile(stampFile, JSON.stringify(inputs));
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outFile;
}

/**
 * @param {string} path
 * @param {string | Uint8Array} contents
 */
function replaceFile(path, contents) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** @param {string} stampFile */
function isFresh(stampFile) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  for (const [path, mtimeMs] of Object.entries(inputs)) {
    try {
      if (statSync(path).mtimeMs !== mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * Packages load from node_modules as Node loads them, except a few pure-JavaScript ones only the
 * emulator's own code imports: Node's loader spends ~0.5 ms on each of their ~110 files at every
 * start, and in one bundle they cost a fraction of that. (yaml, lazily required by
 * serverless/yaml.ts, loads only when a parse is not cached.)
 */
const INLINED = new Set(['zod', 'ws']);
const packagesOutside = {
  name: 'packages-outside',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      const fromOurs = !args.importer.includes(`${join('node_modules', '')}`);
      return INLINED.has(name) || !fromOurs ? undefined : { external: true };
    });
  },
};

/** Each source's import.meta.url, .dirname and .filename are its own location, not the bundle's. */
const ownLocation = {
  name: 'own-location',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes(`${join('node_modules', '')}`)) return undefined;
      const { transform } = await import('esbuild');
      const source = readFileSync(args.path, 'utf8');
      // `define` replaces the expressions only, never the same words inside a string.
      const { code } = await transform(source, {
        loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js',
        format: 'esm',
        sourcefile: args.path,
        sourcemap: 'inline',
        define: {
          'import.meta.url': JSON.stringify(pathToFileURL(args.path).href),
          'import.meta.dirname': JSON.stringify(dirname(args.path)),
          'import.meta.filename': JSON.stringify(args.path),
        },
      });
      return { contents: code, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * Runs `entry` as if Node had been started on it: argv[1] is the entry, then `args`.
 * @param {string} entry
 * @param {string[]} args
 */
export async function runBuilt(entry, args) {
  const outFile = await builtEntry(entry, (line) => process.stderr.write(`[launch] ${line}\n`));
  process.argv = [process.argv[0] ?? 'node', entry, ...args];
  await import(pathToFileURL(outFile).href);
}
