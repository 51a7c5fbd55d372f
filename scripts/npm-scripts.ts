/** The node command lines package.json's scripts run, for the tools that start them as users do. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const PACKAGE = resolve(import.meta.dirname, '..', 'package.json');

/**
 * The node arguments of the npm script that runs `script` (`"start": "node <args> scripts/start.ts"`):
 * `npm start` runs the built emulator, `npm run offline` runs through tsx.
 */
export function npmNodeArgs(script: string): string[] {
  const { scripts } = JSON.parse(readFileSync(PACKAGE, 'utf8')) as { scripts: Record<string, string> };
  for (const command of Object.values(scripts)) {
    const words = command.split(/\s+/);
    if (words[0] === 'node' && words.at(-1) === script) return words.slice(1);
  }
  throw new Error(`no npm script in package.json runs ${script} as its last word`);
}
