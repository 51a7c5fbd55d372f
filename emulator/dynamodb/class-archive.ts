/**
 * Java class-data sharing for DynamoDB Local: the classes it loads, parsed and verified once and
 * kept in an archive that later starts map instead of reading ~90 jars (about 1.1 s to its first
 * ListTables becomes about 0.6 s on a 2-core machine).
 *
 * The first start without an archive records which classes it loads; a few seconds after it is
 * up, one process at a time dumps the archive in a separate JVM. The archive is renamed into place
 * only when that JVM succeeded, because a truncated archive crashes the JVM that maps it.
 */
import type { ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnGuarded, stopGuarded } from '../guarded-process.ts';

export interface ArchivePlan {
  /** Extra JVM options for the DynamoDB Local this start runs. */
  jvmArgs: string[];
  /** After the engine is up: build the archive from what it loaded, unless one exists. */
  learn(): { cancel(): Promise<void> };
}

const ARCHIVE = 'classes.jsa';
const LOCK = 'classes.jsa.lock';
/** Long enough for tables, a seed and a few calls to have loaded their classes. */
const LEARN_AFTER_MS = 5000;
/** A lock older than this belongs to a dump that died. */
const STALE_MS = 120_000;
let plans = 0;

export function archivePlan(p: {
  dir: string;
  java: string;
  classpath: string[];
  libraryPath: string;
  log: (line: string) => void;
  learnAfterMs?: number;
}): ArchivePlan {
  const archive = join(p.dir, ARCHIVE);
  if (process.env.DYNAMODB_LOCAL_CDS === '0')
    return { jvmArgs: [], learn: () => ({ cancel: async () => {} }) };
  if (existsSync(archive)) {
    return { jvmArgs: [`-XX:SharedArchiveFile=${archive}`], learn: () => ({ cancel: async () => {} }) };
  }
  removeStale(p.dir);
  const list = join(p.dir, `loaded-${process.pid}-${++plans}.classlist`);
  return {
    jvmArgs: [`-XX:DumpLoadedClassList=${list}`],
    learn: () => {
      const run = { cancelled: false, dump: undefined as ChildProcess | undefined };
      const timer = setTimeout(
        () => quietly(p.dir, [list], () => startDump({ ...p, archive, list, run })),
        p.learnAfterMs ?? LEARN_AFTER_MS,
      );
      timer.unref();
      return {
        cancel: async () => {
          run.cancelled = true;
          clearTimeout(timer);
          if (run.dump) await stopGuarded(run.dump);
          else rmSync(list, { force: true });
        },
      };
    },
  };
}

/** An archive only makes later starts faster: nothing here may fail the engine or the emulator. */
function quietly(dir: string, leftovers: string[], what: () => void): void {
  try {
    what();
  } catch (error) {
    try {
      for (const file of [...leftovers, join(dir, LOCK)]) rmSync(file, { force: true });
      writeFileSync(join(dir, 'classes-dump.log'), String(error));
    } catch {
      // The cache directory itself is gone; the next start makes a new one.
    }
  }
}

function startDump(p: {
  dir: string;
  java: string;
  classpath: string[];
  libraryPath: string;
  log: (line: string) => void;
  archive: string;
  list: string;
  run: { cancelled: boolean; dump: ChildProcess | undefined };
}): void {
  if (p.run.cancelled || existsSync(p.archive) || !takeLock(p.dir)) {
    rmSync(p.list, { force: true });
    return;
  }
  const tmp = join(p.dir, `classes-${process.pid}.jsa.tmp`);
  const complete = `${p.list}.complete`;
  const scratch = [tmp, p.list, complete];
  // The recording JVM is still writing: keep only whole lines.
  const text = readFileSync(p.list, 'utf8');
  writeFileSync(complete, text.slice(0, text.lastIndexOf('\n') + 1));
  const dump = spawnGuarded(p.java, [
    '-Xshare:dump',
    `-XX:SharedClassListFile=${complete}`,
    `-XX:SharedArchiveFile=${tmp}`,
    `-Djava.library.path=${p.libraryPath}`,
    '-cp',
    p.classpath.join(delimiter),
  ]);
  p.run.dump = dump;
  const output: string[] = [];
  dump.stdout?.on('data', (c: Buffer) => output.push(c.toString('utf8')));
  dump.stderr?.on('data', (c: Buffer) => output.push(c.toString('utf8')));
  dump.once('exit', (code) =>
    quietly(p.dir, scratch, () => {
      // Only a dump that finished is renamed in: a truncated archive crashes the JVM that maps it.
      if (code === 0 && !p.run.cancelled && existsSync(tmp)) {
        renameSync(tmp, p.archive);
        p.log('saved a class archive for DynamoDB Local: later starts reach it about twice as fast');
      } else if (!p.run.cancelled) {
        writeFileSync(join(p.dir, 'classes-dump.log'), output.join(''));
      }
      for (const file of [...scratch, join(p.dir, LOCK)]) rmSync(file, { force: true });
    }),
  );
}

function takeLock(dir: string): boolean {
  try {
    closeSync(openSync(join(dir, LOCK), 'wx'));
    return true;
  } catch {
    return false;
  }
}

/** Class lists and locks left by starts that were killed before they could clean up. */
function removeStale(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (
      !(name === LOCK || name.endsWith('.classlist') || name.endsWith('.complete') || name.endsWith('.tmp'))
    )
      continue;
    const path = join(dir, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { force: true });
    } catch {
      // Removed by another start meanwhile.
    }
  }
}
