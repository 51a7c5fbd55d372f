/**
 * The administrator's key pair: made once per `--persist` directory (or once per checkout, under
 * `.local`, when data lives in memory) and read back on every start, so scripts and profiles that
 * hold it keep working across restarts. The file is readable by its owner only.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { newAccessKeyPair } from './credentials.ts';

export interface AdminKey {
  accessKeyId: string;
  secretAccessKey: string;
  /** Where it is kept. */
  file: string;
}

export const ADMIN_KEY_FILE = '.admin-credentials.json';

const KeyFile = z.object({
  accessKeyId: z.string().regex(/^AKIA[A-Z2-7]{16}$/),
  secretAccessKey: z.string().min(20),
});

export function adminKeyFile(persistDir: string | undefined, localDir: string): string {
  return join(persistDir ?? localDir, ADMIN_KEY_FILE);
}

/** Reads the pair from `file`, or makes one and writes it there. A damaged file is replaced. */
export function loadOrCreateAdminKey(file: string): AdminKey {
  if (existsSync(file)) {
    const parsed = KeyFile.safeParse(safeJson(readFileSync(file, 'utf8')));
    if (parsed.success) return { ...parsed.data, file };
  }
  const pair = newAccessKeyPair();
  mkdirSync(dirname(file), { recursive: true });
  const text = `${JSON.stringify(pair, null, 2)}\n`;
  try {
    // Exclusive: two emulators starting at once in one checkout end up with the same key.
    writeFileSync(file, text, { mode: 0o600, flag: existsSync(file) ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = KeyFile.safeParse(safeJson(readFileSync(file, 'utf8')));
    if (raced.success) return { ...raced.data, file };
    writeFileSync(file, text, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return { ...pair, file };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
