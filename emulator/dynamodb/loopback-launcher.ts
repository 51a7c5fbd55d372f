/**
 * Builds the loopback launcher (loopback/LoopbackDynamoDBLocal.java) with the JDK's javac, once
 * per source and jar, into `.local/java/`. Built here rather than committed, so the repository
 * holds no build output; where no javac is found, DynamoDB Local runs by its own main class.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import type { LocalJar } from './local-jar.ts';

export const LOOPBACK_MAIN = 'LoopbackDynamoDBLocal';
const SOURCE = resolve(import.meta.dirname, 'loopback', `${LOOPBACK_MAIN}.java`);
const CACHE = resolve(import.meta.dirname, '..', '..', '.local', 'java');

export type LoopbackLauncher = { ok: true; classDir: string } | { ok: false; reason: string };

export function loopbackLauncher(javaCommand: string, jar: LocalJar): LoopbackLauncher {
  const source = readFileSync(SOURCE);
  const key = createHash('sha256').update(source).update(jar.jar).digest('hex').slice(0, 12);
  const classDir = join(CACHE, `loopback-${key}`);
  if (existsSync(join(classDir, `${LOOPBACK_MAIN}.class`))) return { ok: true, classDir };

  // The javac beside the java that will run it, so the class targets a runtime that can load it.
  const javac = javaCommand.includes('/') ? join(dirname(javaCommand), 'javac') : 'javac';
  mkdirSync(CACHE, { recursive: true });
  // Compiled aside and renamed into place: parallel starts never see half a class directory.
  const scratch = mkdtempSync(join(CACHE, 'build-'));
  try {
    const classpath = [jar.jar, join(jar.libDir, '*')].join(delimiter);
    const built = spawnSync(javac, ['--release', '17', '-d', scratch, '-cp', classpath, SOURCE], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (built.error)
      return { ok: false, reason: `no javac found (${basename(javac)}: ${built.error.message})` };
    if (built.status !== 0)
      return { ok: false, reason: `javac failed: ${built.stderr.trim().split('\n')[0]}` };
    try {
      renameSync(scratch, classDir);
    } catch (error) {
      // Another start built it first; theirs is the same class.
      if (!existsSync(join(classDir, `${LOOPBACK_MAIN}.class`))) throw error;
    }
    return { ok: true, classDir };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
