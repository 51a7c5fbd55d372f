/** Bundles the floor server to one plain .mjs file, so the floor does not pay for tsx. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

export interface RawServerBuild {
  file: string;
  remove(): void;
}

export async function buildRawServer(): Promise<RawServerBuild> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'bench-raw-ws-')), 'raw-ws-server.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'raw-ws-server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ws loads these optional native helpers only when installed.
    external: ['bufferutil', 'utf-8-validate'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return { file: outfile, remove: () => rmSync(dirname(outfile), { recursive: true, force: true }) };
}
