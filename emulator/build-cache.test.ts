/**
 * The build cache with real esbuild builds: reused only while nothing that decides the output
 * changed, never for a failed build, and safe with several builders at once.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachedBuild } from './build-cache.ts';

let root: string;
let src: string;
let cache: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'build-cache-'));
  src = path.join(root, 'src');
  cache = path.join(root, 'cache');
  mkdirSync(src);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/**
 * Writes a file as edited `ageMs` ago (an hour: older than the cache's racy window). The folders
 * the write changed (the file's, and each one a new folder was made in) get the same mtime.
 */
function write(file: string, text: string, ageMs = 3600_000): void {
  let existing = path.dirname(file);
  while (!existsSync(existing)) existing = path.dirname(existing);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  const when = new Date(Date.now() - ageMs);
  for (let at = file; ; at = path.dirname(at)) {
    utimesSync(at, when, when);
    if (at === existing) break;
  }
}

/** Gives `p` an mtime an hour ago. */
function settle(p: string): void {
  const when = new Date(Date.now() - 3600_000);
  utimesSync(p, when, when);
}

function options(out: string, extra: BuildOptions = {}): BuildOptions {
  return {
    entryPoints: [path.join(src, 'index.ts')],
    outfile: path.join(out, 'index.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    sourcemap: 'inline',
    logLevel: 'silent',
    ...extra,
  };
}

async function run(out: string, extra: BuildOptions = {}) {
  const result = await cachedBuild(options(out, extra), cache);
  const { default: value } = await import(`${path.join(out, 'index.mjs')}?${Math.random()}`);
  return { cached: result.cached, value, inputs: result.inputs };
}

describe('cachedBuild', () => {
  it('reuses an unchanged build and rebuilds when an imported file changes', async () => {
    write(path.join(src, 'index.ts'), "import { word } from './dep';\nexport default word;\n");
    write(path.join(src, 'dep.ts'), "export const word = 'first';\n");
    const first = await run(path.join(root, 'out1'));
    expect(first).toMatchObject({ cached: false, value: 'first' });
    expect(first.inputs.sort()).toEqual([path.join(src, 'dep.ts'), path.join(src, 'index.ts')]);

    const second = await run(path.join(root, 'out2'));
    expect(second).toMatchObject({ cached: true, value: 'first', inputs: first.inputs });

    // Not the entry: a file it imports. Same size, other bytes, an mtime of its own.
    write(path.join(src, 'dep.ts'), "export const word = 'later';\n", 1800_000);
    expect(await run(path.join(root, 'out3'))).toMatchObject({ cached: false, value: 'later' });
    expect(await run(path.join(root, 'out4'))).toMatchObject({ cached: true, value: 'later' });
  });

  it('rebuilds when a new file makes an import resolve elsewhere', async () => {
    write(path.join(src, 'index.ts'), "import { word } from './dep';\nexport default word;\n");
    write(path.join(src, 'dep.js'), "export const word = 'from js';\n");
    expect(await run(path.join(root, 'a'))).toMatchObject({ cached: false, value: 'from js' });
    expect(await run(path.join(root, 'b'))).toMatchObject({ cached: true, value: 'from js' });
    // esbuild tries .ts before .js: the new file wins, though no input changed.
    write(path.join(src, 'dep.ts'), "export const word = 'from ts';\n");
    expect(await run(path.join(root, 'c'))).toMatchObject({ cached: false, value: 'from ts' });
  });

  it('rebuilds when a package appears in an earlier layer folder or a nearer node_modules', async () => {
    const layer1 = path.join(root, 'layer1', 'nodejs', 'node_modules');
    const layer2 = path.join(root, 'layer2', 'nodejs', 'node_modules');
    mkdirSync(layer1, { recursive: true });
    for (let at = layer1; at !== root; at = path.dirname(at)) settle(at);
    // The code's own node_modules exists already, with another package in it.
    write(path.join(src, 'node_modules', 'other', 'index.js'), 'export const other = 1;\n');
    write(path.join(src, 'index.ts'), "import { word } from 'shared-words';\nexport default word;\n");
    write(path.join(layer2, 'shared-words', 'index.js'), "export const word = 'layer 2';\n");
    const layers = { nodePaths: [layer1, layer2] };
    expect(await run(path.join(root, 'a'), layers)).toMatchObject({ cached: false, value: 'layer 2' });
    expect(await run(path.join(root, 'b'), layers)).toMatchObject({ cached: true, value: 'layer 2' });

    write(path.join(layer1, 'shared-words', 'index.js'), "export const word = 'layer 1';\n");
    expect(await run(path.join(root, 'c'), layers)).toMatchObject({ cached: false, value: 'layer 1' });

    // node_modules beside the code comes before any layer.
    write(path.join(src, 'node_modules', 'shared-words', 'index.js'), "export const word = 'own';\n");
    expect(await run(path.join(root, 'd'), layers)).toMatchObject({ cached: false, value: 'own' });
    expect(await run(path.join(root, 'e'), layers)).toMatchObject({ cached: true, value: 'own' });
  });

  it('keys on the options: another define is another build', async () => {
    write(path.join(src, 'index.ts'), 'export default WORD;\n');
    const define = (w: string) => ({ define: { WORD: JSON.stringify(w) } });
    expect(await run(path.join(root, 'a'), define('one'))).toMatchObject({ cached: false, value: 'one' });
    expect(await run(path.join(root, 'b'), define('two'))).toMatchObject({ cached: false, value: 'two' });
    expect(await run(path.join(root, 'c'), define('one'))).toMatchObject({ cached: true, value: 'one' });
  });

  it('never stores a failed build', async () => {
    write(path.join(src, 'index.ts'), 'export default {;\n');
    await expect(cachedBuild(options(path.join(root, 'a')), cache)).rejects.toMatchObject({
      errors: [expect.objectContaining({ location: expect.objectContaining({ line: 1 }) })],
    });
    // Asked again, esbuild runs again and reports again.
    await expect(cachedBuild(options(path.join(root, 'b')), cache)).rejects.toThrow();
    expect(entries()).toEqual([]);
    write(path.join(src, 'index.ts'), 'export default 42;\n', 1800_000);
    expect(await run(path.join(root, 'c'))).toMatchObject({ cached: false, value: 42 });
  });

  it('does not store a build whose input was written just before it (it may have read half of it)', async () => {
    write(path.join(src, 'index.ts'), 'export default 1;\n', 0);
    expect(await run(path.join(root, 'a'))).toMatchObject({ cached: false, value: 1 });
    expect(await run(path.join(root, 'b'))).toMatchObject({ cached: false, value: 1 });
    settle(path.join(src, 'index.ts'));
    settle(src);
    await run(path.join(root, 'c'));
    expect(await run(path.join(root, 'd'))).toMatchObject({ cached: true, value: 1 });
  });

  it('serves another output folder only where the source map still points at the sources', async () => {
    write(path.join(src, 'index.ts'), 'export default 7;\n');
    await run(path.join(root, 'build', 'x', '0'));
    const same = await run(path.join(root, 'build', 'y', '1'));
    expect(same.cached).toBe(true);
    const deeper = await run(path.join(root, 'build', 'y', '1', 'more'));
    expect(deeper.cached).toBe(false);
    for (const out of [path.join(root, 'build', 'y', '1'), path.join(root, 'build', 'y', '1', 'more')]) {
      const code = readFileSync(path.join(out, 'index.mjs'), 'utf8');
      const map = JSON.parse(
        Buffer.from(
          /sourceMappingURL=data:application\/json;base64,(\S+)/.exec(code)?.[1] ?? '',
          'base64',
        ).toString(),
      ) as { sources: string[] };
      expect(map.sources.map((s) => path.resolve(out, s))).toEqual([path.join(src, 'index.ts')]);
    }
  });

  it('gives every one of several builders started together a whole, correct build', async () => {
    write(path.join(src, 'index.ts'), "import { word } from './dep';\nexport default word;\n");
    write(path.join(src, 'dep.ts'), `export const word = '${'x'.repeat(200_000)}';\n`);
    const script = `
      const { cachedBuild } = await import(${JSON.stringify(path.resolve(import.meta.dirname, 'build-cache.ts'))});
      const out = process.argv[1];
      const opts = ${JSON.stringify(options('OUT'))};
      opts.outfile = out + '/index.mjs';
      for (let i = 0; i < 5; i++) await cachedBuild(opts, ${JSON.stringify(cache)});
      const { default: value } = await import(out + '/index.mjs');
      process.stdout.write(String(value.length));
    `;
    const builders = [1, 2, 3, 4].map(
      (n) =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', '--input-type=module', '-e', script, path.join(root, `out${n}`)],
            { cwd: path.resolve(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
          );
          let text = '';
          child.stdout.on('data', (chunk) => {
            text += chunk;
          });
          child.once('error', reject);
          child.once('exit', (code) =>
            code === 0 ? resolve(text) : reject(new Error(`builder ${n}: ${code}`)),
          );
        }),
    );
    expect(await Promise.all(builders)).toEqual(['200000', '200000', '200000', '200000']);
    // One whole entry, no half-written files left behind, and it serves.
    expect(entries()).toHaveLength(1);
    const again = await run(path.join(root, 'out5'));
    expect(again.cached).toBe(true);
    expect(String(again.value)).toHaveLength(200_000);
  });
});

function entries(): string[] {
  try {
    return readdirSync(cache);
  } catch {
    return [];
  }
}
