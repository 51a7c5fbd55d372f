#!/usr/bin/env node
/**
 * Installs the Node.js binaries of the nodejs22.x / nodejs24.x runtimes into this folder, from the
 * npm registry, with this folder's own package-lock.json (`npm ci`). The root package runs it as
 * its postinstall, so `npm ci` / `npm install` bring the binaries in and nothing is downloaded
 * when a function starts.
 *
 * Why not plain dependencies of the root package: every `node-<os>-<arch>` package declares a
 * `node` bin, and npm links the bins of the root's dependencies into node_modules/.bin, which
 * every npm script puts first on PATH. `npm run typecheck` would then run on Node 22 instead of
 * the machine's. Here `--bin-links=false` keeps them unlinked, and they stay in this folder.
 *
 * Only the packages for this machine's os/cpu are installed (they are optionalDependencies).
 * A failure does not fail the root install: the Lambda host then runs those functions on its own
 * Node and says so in one line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lock = JSON.parse(readFileSync(join(here, 'package-lock.json'), 'utf8'));

/** The lock's packages meant for this machine, as [folder, version]. */
const wanted = Object.entries(lock.packages)
  .filter(
    ([key, pkg]) =>
      key.startsWith('node_modules/') && fits(pkg.os, process.platform) && fits(pkg.cpu, process.arch),
  )
  .map(([key, pkg]) => [join(here, key), pkg.version]);

if (process.env.npm_config_ignore_scripts === 'true') process.exit(0);
if (wanted.every(([dir, version]) => installedVersion(dir) === version)) process.exit(0);

const npm = process.env.npm_execpath;
const args = [
  'ci',
  '--prefix',
  here,
  '--bin-links=false',
  '--ignore-scripts',
  '--no-audit',
  '--no-fund',
  '--loglevel=error',
];
const result = npm?.endsWith('.js')
  ? spawnSync(process.execPath, [npm, ...args], { stdio: 'inherit' })
  : spawnSync('npm', args, { stdio: 'inherit', shell: process.platform === 'win32' });
if (result.status !== 0) {
  console.warn(
    '⚠ the Node.js binaries for nodejs22.x/nodejs24.x functions did not install; those functions will run on this machine’s Node. ' +
      `Retry with: node ${join(here, 'install.mjs')}\n` +
      '⚠ nodejs22.x/nodejs24.x 함수용 Node.js 바이너리를 설치하지 못했습니다. 해당 함수는 이 컴퓨터의 Node로 실행됩니다.',
  );
  process.exit(0);
}
// The runtime needs bin/node only; the C headers alone are 67 MB per version.
for (const [dir] of wanted) {
  for (const extra of ['include', 'share', 'CHANGELOG.md'])
    rmSync(join(dir, extra), { recursive: true, force: true });
}

function fits(allowed, actual) {
  if (allowed === undefined) return true;
  return [allowed].flat().includes(actual);
}

function installedVersion(dir) {
  const manifest = join(dir, 'package.json');
  if (!existsSync(join(dir, 'bin', 'node')) || !existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}
