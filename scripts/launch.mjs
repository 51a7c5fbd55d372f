#!/usr/bin/env node
/**
 * `node scripts/launch.mjs scripts/start.ts [args…]`: runs a TypeScript command from its built
 * JavaScript (emulator/launch/built-entry.mjs), building it first when its sources changed.
 */
import { resolve } from 'node:path';
import { runBuilt } from '../emulator/launch/built-entry.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/launch.mjs <script.ts> [args…]');
  process.exit(2);
}
try {
  await runBuilt(resolve(entry), args);
} catch (error) {
  // esbuild has printed the errors with their file and line.
  if (error && typeof error === 'object' && 'errors' in error) {
    console.error(`[launch] ${entry} could not be built; fix the errors above and start again.`);
    process.exit(1);
  }
  throw error;
}
