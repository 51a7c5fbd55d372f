/** Temporary code folders outside the repository, written as a user's function code would be. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** Writes `files` (relative path → content) into a fresh folder under os.tmpdir(). */
export function codeFolder(label: string, files: Record<string, string>): string {
  const dir = path.join(os.tmpdir(), 'lambda-host-code', `${label}-${randomBytes(4).toString('hex')}`);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  made.push(dir);
  return dir;
}

export function removeCodeFolders(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
