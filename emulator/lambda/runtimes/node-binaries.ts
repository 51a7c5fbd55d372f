/**
 * The Node.js executables per major version: the machine's own for its major, otherwise the
 * `node<major>-<os>-<arch>` package that ./node/install.mjs put in ./node/node_modules.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const BINARIES = path.join(import.meta.dirname, 'node', 'node_modules');

const HOST_NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** The executable for `major`, or undefined when neither the machine nor npm provided one. */
export function nodeExecutable(major: number): string | undefined {
  if (major === HOST_NODE_MAJOR) return process.execPath;
  const binary = path.join(BINARIES, `node${major}-${process.platform}-${process.arch}`, 'bin', 'node');
  return existsSync(binary) ? binary : undefined;
}
