/**
 * Files under `.local/` kept only to make a later start faster (builds, parsed YAML, Java probes,
 * dynalite snapshots). Each is written aside and renamed, so a reader, in this process or an
 * emulator started at the same moment, sees a whole file or none.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writers that died leave their aside copies; after this long nobody is still writing them. */
const ASIDE_LEFT_MS = 60_000;

/** Writes `data` to `file` whole (its folder made as needed); throws as writeFileSync does. */
export function writeWhole(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const aside = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(aside, data);
    renameSync(aside, file);
  } catch (error) {
    rmSync(aside, { force: true });
    throw error;
  }
}

/** Marks `file` as used now, for removeUnused (a read-only cache still serves). */
export function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Read-only: it still serves.
  }
}

/** Removes the entries of `dir` nobody wrote or touched for `maxAgeMs`, and abandoned aside copies. */
export function removeUnused(dir: string, maxAgeMs: number, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const p = path.join(dir, name);
    try {
      const age = now - statSync(p).mtimeMs;
      if (age > maxAgeMs || (name.endsWith('.tmp') && age > ASIDE_LEFT_MS)) rmSync(p, { force: true });
    } catch {
      // Removed by another writer meanwhile.
    }
  }
}
