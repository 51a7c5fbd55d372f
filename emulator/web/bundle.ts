/**
 * Builds the browser client in memory: web/src/main.ts bundled by esbuild, plus the page and
 * its stylesheet read from web/. Nothing is written to disk, so a start never leaves stale
 * output behind and two emulators can run side by side.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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

/** One page's script for the browser, minified ES modules, kept in memory (`write: false`). */
export function bundleForBrowser(options: {
  entry: string;
  outfile: string;
  root: string;
  sourcemap?: 'linked' | undefined;
}): ReturnType<typeof build<{ write: false }>> {
  return build({
    entryPoints: [options.entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    ...(options.sourcemap ? { sourcemap: options.sourcemap } : {}),
    outfile: options.outfile,
    absWorkingDir: options.root,
    logLevel: 'silent',
  });
}

export async function buildAssets(webRoot: string = WEB_ROOT): Promise<Assets> {
  const result = await bundleForBrowser({
    entry: `${webRoot}src/main.ts`,
    outfile: 'app.js',
    root: webRoot,
    // Learners open devtools: the map lets them step through the TypeScript they read.
    sourcemap: 'linked',
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
