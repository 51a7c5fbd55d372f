#!/usr/bin/env node
/**
 * `chosung-workbench start --stack serverless.yml`: the workbench, run from any app's folder
 * once this repository is linked (`npm link` here). The emulator runs built from this
 * repository (where this file really lives), never from the app's folder; the stack file and its
 * handlers are the app's.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMMANDS = {
  start: 'scripts/start.ts',
  logs: 'scripts/logs.ts',
};

const [command, ...rest] = process.argv.slice(2);
const script = command ? COMMANDS[command] : undefined;
if (!script) {
  const out = command && command !== '--help' && command !== '-h' ? console.error : console.log;
  out(`Usage: chosung-workbench <command> [options]

  start [--stack FILE] [options]   run an app on the workbench (npm start -- --help lists the options)
  logs [options]                   read the functions' log groups (npm run logs -- --help)

From your app's folder:  chosung-workbench start --stack serverless.yml
                         chosung-workbench start --stack template.yaml --parameter-overrides Key=Value`);
  process.exit(command && out === console.error ? 2 : 0);
}

// The logs live in this repository's .local, wherever the command runs.
process.env.LOGS_DIR ??= resolve(REPO, '.local', 'logs');
const { runBuilt } = await import(pathToFileURL(resolve(REPO, 'emulator/launch/built-entry.mjs')).href);
await runBuilt(resolve(REPO, script), rest);
