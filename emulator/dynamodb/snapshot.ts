/**
 * Seeded tables kept from the first start. In memory, every `npm start` used to create the tables
 * and write the word bank again into a cold JVM (about 1.4 s of a 2.8 s start). Instead the engine
 * runs on a fresh copy of a database file made right after the first seed: each start still begins
 * from exactly the seeded state, and what a run writes is thrown away with the copy at stop.
 *
 * The copy lives in /dev/shm where there is one (memory, like -inMemory), else in the temporary
 * folder. A snapshot is named by a key covering everything that shapes it (the table definitions,
 * the seeder's code and the installed packages), so a change to any of them makes a new one.
 * Snapshots are built on this machine and never committed: the word bank derives from GPL data.
 */
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeWhole } from '../cache-files.ts';
import { isAlive } from '../processes.ts';

const DEFAULT_ROOT = resolve(import.meta.dirname, '..', '..', '.local', 'dynamodb-snapshots');
/** The file DynamoDB Local keeps with -sharedDb (and its journal, while one is open). */
const DB_FILE = 'shared-local-instance.db';

export interface WorkingCopy {
  /** The -dbPath for this run. */
  dir: string;
  /** The snapshot was there: tables and seed are already in `dir`. */
  restored: boolean;
  /** Keeps this run's database as the snapshot, once tables and seed are written. */
  save(): void;
  remove(): void;
}

/** The key of a snapshot: a hash of everything that decides its contents. */
export function snapshotKey(parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Whether snapshot `key` has been saved for that engine (DynamoDB Local unless said). */
export function snapshotExists(
  key: string,
  engine: 'local' | 'dynalite' = 'local',
  root = DEFAULT_ROOT,
): boolean {
  return existsSync(engine === 'dynalite' ? dynaliteFile(key, root) : join(root, key, DB_FILE));
}

/**
 * dynalite's side: it keeps its tables in one in-memory key-value store (memory-level), so its
 * snapshot is that store's entries, in a file beside DynamoDB Local's folders. Restoring them
 * takes a few milliseconds where creating the tables and writing the seed took ~1 s.
 */
export type StoreEntries = Array<[key: string, value: unknown]>;

function dynaliteFile(key: string, root: string): string {
  return join(root, `${key}.dynalite.json`);
}

/** The entries of dynalite snapshot `key`, or undefined when there is none (or it is unreadable). */
export function readDynaliteSnapshot(key: string, root = DEFAULT_ROOT): StoreEntries | undefined {
  try {
    const entries: unknown = JSON.parse(readFileSync(dynaliteFile(key, root), 'utf8'));
    return Array.isArray(entries) ? (entries as StoreEntries) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `entries` as dynalite snapshot `key`; written aside and renamed, so readers see all or none. */
export function saveDynaliteSnapshot(key: string, entries: StoreEntries, root = DEFAULT_ROOT): void {
  const file = dynaliteFile(key, root);
  if (existsSync(file)) return;
  writeWhole(file, JSON.stringify(entries));
}

/** A fresh database folder for one run, holding a copy of snapshot `key` when there is one. */
export function workingCopy(key: string, root = DEFAULT_ROOT): WorkingCopy {
  const snapshot = join(root, key);
  const base = memoryBacked();
  sweepOrphans(base);
  const dir = mkdtempSync(join(base, `${COPY_PREFIX}${process.pid}-`));
  const restored = existsSync(join(snapshot, DB_FILE));
  if (restored) cpSync(snapshot, dir, { recursive: true });
  return {
    dir,
    restored,
    save: () => saveAs(dir, snapshot),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A `--persist` folder: one that holds no database yet starts from snapshot `key` (instead of
 * seeding on disk, which takes many seconds), or, when there is none, gives its first seed to it.
 * A folder that already holds data is the user's, and is neither replaced nor copied.
 */
export function persistentCopy(key: string, dir: string, root = DEFAULT_ROOT): WorkingCopy {
  const snapshot = join(root, key);
  const fresh = !existsSync(join(dir, DB_FILE));
  const restored = fresh && existsSync(join(snapshot, DB_FILE));
  if (restored) cpSync(snapshot, dir, { recursive: true });
  return {
    dir,
    restored,
    save: () => {
      if (fresh) saveAs(dir, snapshot);
    },
    remove: () => {},
  };
}

function saveAs(dir: string, snapshot: string): void {
  if (existsSync(join(snapshot, DB_FILE))) return;
  // Another start may save the same snapshot at the same moment: each copies aside, then one
  // rename wins; the other's copy is dropped.
  const aside = `${snapshot}.${process.pid}.tmp`;
  rmSync(aside, { recursive: true, force: true });
  for (const name of readdirSync(dir)) {
    if (name.startsWith(DB_FILE)) cpSync(join(dir, name), join(aside, name));
  }
  try {
    renameSync(aside, snapshot);
  } catch {
    rmSync(aside, { recursive: true, force: true });
  }
}

const COPY_PREFIX = 'workbench-dynamodb-';

/**
 * Copies whose emulator is gone: one killed with SIGKILL cannot remove its own, and /dev/shm is
 * memory. Each copy's name carries its emulator's pid.
 */
export function sweepOrphans(base = memoryBacked()): void {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(new RegExp(`^${COPY_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (pid > 0 && !isAlive(pid)) rmSync(join(base, name), { recursive: true, force: true });
  }
}

/** /dev/shm where it can be written (memory, like -inMemory), else the temporary folder. */
function memoryBacked(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}
