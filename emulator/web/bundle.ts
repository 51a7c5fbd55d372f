/**
 * Builds the browser client in memory: web/src/main.ts bundled by esbuild, plus the page and
 * its stylesheet read from web/. Nothing is written to disk, so a start never leaves stale
 * output behind and two emulators can run side by side.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { cachedBuild } from '../build-cache.ts';

export interface Asset {
  contentType: string;
  body: Buffer;
}

/** Served paths → bytes. Only these exist; every other path is a 404. */
export type Assets = Map<string, Asset>;

export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));

const HTML = 'text/html; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const SVG = 'image/svg+xml';
const JSON_TYPE = 'application/json; charset=utf-8';

/** How the emulator bundles a page's script (the game's and the trace page's), in memory. */
export const BROWSER_BUNDLE = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  logLevel: 'silent',
} as const satisfies BuildOptions;

export async function buildAssets(webRoot: string = WEB_ROOT): Promise<Assets> {
  // Reused from an earlier start while no source changed (build-cache.ts): a learner's edit rebuilds.
  const result = await cachedBuild({
    ...BROWSER_BUNDLE,
    entryPoints: [`${webRoot}src/main.ts`],
    // Learners open devtools: the map lets them step through the TypeScript they read.
    sourcemap: 'linked',
    outfile: 'app.js',
    absWorkingDir: webRoot,
  });
  const assets: Assets = new Map();
  for (const file of result.outputFiles) {
    const name = file.path.endsWith('.map') ? 'app.js.map' : 'app.js';
    assets.set(`/${name}`, {
      contentType: name.endsWith('.map') ? JSON_TYPE : JS,
      body: Buffer.from(file.contents),
    });
  }
  const page = await readFile(`${webRoot}index.html`);
  assets.set('/', { contentType: HTML, body: page });
  assets.set('/index.html', { contentType: HTML, body: page });
  assets.set('/style.css', { contentType: CSS, body: await readFile(`${webRoot}style.css`) });
  assets.set('/favicon.svg', { contentType: SVG, body: await readFile(`${webRoot}favicon.svg`) });
  return assets;
}

export function configAsset(wsUrl: string): Asset {
  return { contentType: JSON_TYPE, body: Buffer.from(JSON.stringify({ ws: wsUrl })) };
}
