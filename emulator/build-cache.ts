/**
 * esbuild builds kept across starts. Every `npm start` bundled the instance runtime, each
 * TypeScript function and the web client again (~0.3–0.5 s of CPU, plus esbuild's service
 * process), although the code had not changed since the last start. A build is now stored with
 * what decided its output, and reused while all of that is as it was:
 *
 * - the options, esbuild's version and the working directory (the key);
 * - every input file's size and mtime (from the build's metafile);
 * - what could make an import resolve elsewhere: the folders holding inputs or import targets
 *   (a new `./x.tsx` beside `./x.ts` changes the folder), and in every folder above an input its
 *   `package.json`, `tsconfig.json`, `jsconfig.json`, `node_modules` and scoped package folders
 *   (a package installed nearer, a changed `exports`), and the `nodePaths` (layers).
 *
 * Failed builds are never stored: they run again, and report again. An input changed less than
 * two seconds before the build started is not trusted (esbuild may have read it half-written, or
 * before a second write in the same tick, as git's "racily clean" entries): that build is not
 * stored. Entries are single files, written aside and renamed, so emulators started together
 * each read a whole entry or none.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build, version as esbuildVersion, type Metafile } from 'esbuild';
import { removeUnused, touch, writeWhole } from './cache-files.ts';

export const DEFAULT_CACHE_DIR = path.resolve(import.meta.dirname, '..', '.local', 'build-cache');

/** An input changed this recently before its build started is not trusted to match the output. */
const RACY_MS = 2_000;
/** Entries nobody has used for this long are removed when a new one is stored. */
const STALE_MS = 14 * 24 * 3600 * 1000;
const FORMAT = 1;

export interface BuiltFile {
  path: string;
  contents: Uint8Array;
}

export interface CachedBuild {
  outputFiles: BuiltFile[];
  /** Absolute paths of the source files the bundle was made from. */
  inputs: string[];
  /** Served from the cache, esbuild not run. */
  cached: boolean;
}

/** A probe: a path and what it was (`null`: absent). Files by size and mtime, folders by mtime. */
type Probe = [path: string, state: string | null];

interface Entry {
  format: number;
  /** The output folder the build was made for: source-map paths are relative to it. */
  outDir: string;
  inputs: string[];
  probes: Probe[];
  outputs: Array<{ path: string; size: number }>;
}

/**
 * `build(options)` (with a metafile), or its stored result when nothing it depends on changed.
 * Writes the output files unless `options.write` is false, as esbuild would. Options must be
 * plain data: a build with plugins is not cached. Build errors are thrown, as esbuild throws them.
 */
export async function cachedBuild(
  options: BuildOptions,
  cacheDir: string = DEFAULT_CACHE_DIR,
): Promise<CachedBuild> {
  const write = options.write ?? true;
  const cwd = options.absWorkingDir ?? process.cwd();
  const outDir = outputDir(options, cwd);
  const key = options.plugins?.length ? undefined : cacheKey(options, cwd);
  const file = key && path.join(cacheDir, `${key}.entry`);
  const hit = file ? readEntry(file, outDir) : undefined;
  if (hit) {
    if (write) await writeOutputs(hit.outputFiles);
    return { ...hit, cached: true };
  }

  const started = Date.now();
  const result = await build({ ...options, write: false, metafile: true });
  const outputFiles = result.outputFiles.map((f) => ({ path: f.path, contents: f.contents }));
  if (write) await writeOutputs(outputFiles);
  const recorded = record(result.metafile, options, cwd);
  if (file && recorded && !recorded.racy(started)) {
    storeEntry(
      file,
      { format: FORMAT, outDir, inputs: recorded.inputs, probes: recorded.probes },
      outputFiles,
    );
  }
  return { outputFiles, inputs: recorded?.inputs ?? inputsOf(result.metafile, cwd), cached: false };
}

function cacheKey(options: BuildOptions, cwd: string): string {
  // The output location is not in the key: a build for another folder at the same relative
  // place is the same bytes (readEntry checks that), e.g. each start's own build folder.
  const { outfile, outdir, write, metafile, ...rest } = options;
  const shape = {
    esbuild: esbuildVersion,
    cwd,
    options: rest,
    outName: outfile ? path.basename(outfile) : undefined,
  };
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 32);
}

function outputDir(options: BuildOptions, cwd: string): string {
  if (options.outfile) return path.dirname(path.resolve(cwd, options.outfile));
  return path.resolve(cwd, options.outdir ?? '.');
}

function inputsOf(metafile: Metafile, cwd: string): string[] {
  return Object.keys(metafile.inputs)
    .filter((input) => !/^[a-z-]+:/.test(input))
    .map((input) => path.resolve(cwd, input));
}

/** What decides this build's output, or undefined when some of it cannot be known (not cached). */
function record(
  metafile: Metafile,
  options: BuildOptions,
  cwd: string,
): { inputs: string[]; probes: Probe[]; racy: (since: number) => boolean } | undefined {
  const probes = new Map<string, string | null>();
  const probe = (p: string) => {
    if (!probes.has(p)) probes.set(p, stateOf(p));
  };
  const inputs: string[] = [];
  const folders = new Set<string>();
  for (const [name, input] of Object.entries(metafile.inputs)) {
    // A namespaced input ("ns:path") comes from somewhere other than a file: nothing to check.
    if (/^[a-z-]+:/.test(name)) return undefined;
    const file = path.resolve(cwd, name);
    inputs.push(file);
    probe(file);
    const dir = path.dirname(file);
    folders.add(dir);
    for (const imported of input.imports) {
      const spec = imported.original;
      if (!spec || imported.external) continue;
      if (spec.startsWith('.') || path.isAbsolute(spec)) {
        // The folder the specifier points into: a new file there may now match it first.
        probe(path.dirname(path.resolve(dir, spec)));
      } else if (spec.startsWith('@')) {
        const scope = spec.split('/')[0] as string;
        for (const up of ancestors(dir)) probe(path.join(up, 'node_modules', scope));
        for (const nodePath of options.nodePaths ?? []) probe(path.join(path.resolve(cwd, nodePath), scope));
      }
    }
  }
  for (const dir of folders) probe(dir);
  for (const up of new Set([...folders].flatMap(ancestors))) {
    for (const name of ['package.json', 'tsconfig.json', 'jsconfig.json', 'node_modules']) {
      probe(path.join(up, name));
    }
  }
  for (const nodePath of options.nodePaths ?? []) probe(path.resolve(cwd, nodePath));
  if (options.tsconfig) probe(path.resolve(cwd, options.tsconfig));
  if (inputs.some((file) => probes.get(file) === null)) return undefined;
  return {
    inputs,
    probes: [...probes],
    racy: (since) =>
      [...inputs, ...folders].some((p) => {
        const mtime = Number(probes.get(p)?.split(':').pop());
        return !(mtime < since - RACY_MS);
      }),
  };
}

function ancestors(dir: string): string[] {
  const all: string[] = [];
  for (let at = dir; ; at = path.dirname(at)) {
    all.push(at);
    if (path.dirname(at) === at) return all;
  }
}

/** `size:mtime` of a file, `dir:mtime` of a folder, null when absent. */
function stateOf(p: string): string | null {
  try {
    const stat = statSync(p);
    return stat.isDirectory() ? `dir:${stat.mtimeMs}` : `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** The stored result, when every probe is as it was and the outputs can be placed in `outDir`. */
function readEntry(file: string, outDir: string): Omit<CachedBuild, 'cached'> | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    const newline = bytes.indexOf(10);
    const entry = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Entry;
    if (entry.format !== FORMAT) return undefined;
    for (const [p, state] of entry.probes) if (stateOf(p) !== state) return undefined;
    // Source maps name the sources relative to the output folder: another folder will do only
    // where those relative paths come out the same.
    if (
      entry.outDir !== outDir &&
      entry.inputs.some((input) => path.relative(entry.outDir, input) !== path.relative(outDir, input))
    )
      return undefined;
    let offset = newline + 1;
    const outputFiles = entry.outputs.map((output) => {
      const contents = bytes.subarray(offset, offset + output.size);
      offset += output.size;
      return { path: path.join(outDir, path.relative(entry.outDir, output.path)), contents };
    });
    if (offset !== bytes.length) return undefined;
    touch(file);
    return { outputFiles, inputs: entry.inputs };
  } catch {
    return undefined;
  }
}

function storeEntry(file: string, entry: Omit<Entry, 'outputs'>, outputs: BuiltFile[]): void {
  // Only ever a faster next start: a cache that cannot be written changes nothing else.
  try {
    const header: Entry = {
      ...entry,
      outputs: outputs.map((o) => ({ path: o.path, size: o.contents.byteLength })),
    };
    writeWhole(
      file,
      Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), ...outputs.map((o) => o.contents)]),
    );
    removeUnused(path.dirname(file), STALE_MS);
  } catch {
    // Left as it was.
  }
}

async function writeOutputs(files: BuiltFile[]): Promise<void> {
  await Promise.all(
    files.map(async (f) => {
      await mkdir(path.dirname(f.path), { recursive: true });
      await writeFile(f.path, f.contents);
    }),
  );
}
