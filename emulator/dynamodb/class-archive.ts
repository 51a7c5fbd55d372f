/**
 * Java class-data sharing for DynamoDB Local: the classes it loads, parsed and verified once and
 * kept in an archive that later starts map instead of reading ~90 jars (about 1.1 s to its first
 * ListTables becomes about 0.6 s on a 2-core machine).
 *
 * The first start without an archive records which classes it loads; a few seconds after it is
 * up, one process at a time dumps the archive in a separate JVM. The archive is renamed into place
 * only when that JVM succeeded, because a truncated archive crashes the JVM that maps it.
 */
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
import { spawnGuarded, stopGuarded } from './guarded-process.ts';

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

export function archivePlan(p: {
  dir: string;
  java: string;
  classpath: string[];
  libraryPath: string;
  log: (line: string) => void;
}): ArchivePlan {
  const archive = join(p.dir, ARCHIVE);
  if (process.env.DYNAMODB_LOCAL_CDS === '0')
    return { jvmArgs: [], learn: () => ({ cancel: async () => {} }) };
  if (existsSync(archive)) {
    return { jvmArgs: [`-XX:SharedArchiveFile=${archive}`], learn: () => ({ cancel: async () => {} }) };
  }
  removeStale(p.dir);
  const list = join(p.dir, `loaded-${process.pid}-${Date.now()}.classlist`);
  return {
    jvmArgs: [`-XX:DumpLoadedClassList=${list}`],
    learn: () => {
      let cancelled = false;
      let dump: ReturnType<typeof spawnGuarded> | undefined;
      const timer = setTimeout(() => {
        if (cancelled || existsSync(archive) || !takeLock(p.dir)) {
          rmSync(list, { force: true });
          return;
        }
        const tmp = join(p.dir, `classes-${process.pid}.jsa.tmp`);
        const complete = `${list}.complete`;
        // The recording JVM is still writing: keep only whole lines.
        const text = readFileSync(list, 'utf8');
        writeFileSync(complete, text.slice(0, text.lastIndexOf('\n') + 1));
        dump = spawnGuarded(p.java, [
          '-Xshare:dump',
          `-XX:SharedClassListFile=${complete}`,
          `-XX:SharedArchiveFile=${tmp}`,
          `-Djava.library.path=${p.libraryPath}`,
          '-cp',
          p.classpath.join(delimiter),
        ]);
        const output: string[] = [];
        dump.stdout?.on('data', (c: Buffer) => output.push(c.toString('utf8')));
        dump.stderr?.on('data', (c: Buffer) => output.push(c.toString('utf8')));
        dump.once('exit', (code) => {
          if (code === 0 && !cancelled && existsSync(tmp)) {
            renameSync(tmp, archive);
            p.log('saved a class archive for DynamoDB Local: later starts reach it about twice as fast');
          } else if (!cancelled) {
            writeFileSync(join(p.dir, 'classes-dump.log'), output.join(''));
          }
          for (const file of [tmp, list, complete, join(p.dir, LOCK)]) rmSync(file, { force: true });
        });
      }, LEARN_AFTER_MS);
      timer.unref();
      return {
        cancel: async () => {
          cancelled = true;
          clearTimeout(timer);
          if (dump) await stopGuarded(dump);
          else rmSync(list, { force: true });
        },
      };
    },
  };
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
