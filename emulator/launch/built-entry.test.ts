import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtEntry } from './built-entry.mjs';

const OUT_DIR = resolve(import.meta.dirname, '..', '..', '.local', 'launch');
const dir = mkdtempSync(join(tmpdir(), 'built-entry-'));
const made = new Set<string>();
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const file of readdirSync(OUT_DIR)) {
    if ([...made].some((name) => file.startsWith(name))) rmSync(join(OUT_DIR, file), { force: true });
  }
});

function write(path: string, text: string, mtime: number): void {
  writeFileSync(path, text);
  utimesSync(path, mtime, mtime);
}

async function load(entry: string, log: (line: string) => void) {
  const file = await builtEntry(entry, log);
  made.add(file.slice(OUT_DIR.length + 1).replace(/\.mjs$/, ''));
  // A query string gives each build its own module record.
  return (await import(`${pathToFileURL(file).href}?${Date.now()}`)) as Record<string, string>;
}

describe('builtEntry', () => {
  const entry = join(dir, 'entry.ts');
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  mkdirLib();
  write(
    entry,
    "import { where, said } from './lib/where.ts';\nexport const here: string = import.meta.dirname;\nexport { where, said };\n",
    1_000,
  );

  it('keeps each source its own import.meta, and leaves the words alone inside strings', async () => {
    const lines: string[] = [];
    const built = await load(entry, (line) => lines.push(line));
    expect(built.here).toBe(dir);
    expect(built.where).toBe(pathToFileURL(join(dir, 'lib', 'where.ts')).href);
    expect(built.said).toBe('import.meta.url stays text');
    expect(lines[0]).toContain(`building ${entry}`);
  });

  it('builds once, and again only after a source changed', async () => {
    const quiet: string[] = [];
    await load(entry, (line) => quiet.push(line));
    expect(quiet).toEqual([]);

    write(join(dir, 'lib', 'where.ts'), "export const where = 'moved';\nexport const said = 'new';\n", 2_000);
    const lines: string[] = [];
    const rebuilt = await load(entry, (line) => lines.push(line));
    expect(lines).toHaveLength(2);
    expect(rebuilt.where).toBe('moved');
  });

  it("rejects with esbuild's errors when a source does not parse", async () => {
    write(join(dir, 'lib', 'where.ts'), 'export const where = ;\n', 3_000);
    await expect(builtEntry(entry)).rejects.toMatchObject({ errors: [expect.objectContaining({})] });
  });
});

function mkdirLib(): void {
  const lib = join(dir, 'lib');
  rmSync(lib, { recursive: true, force: true });
  mkdirSync(lib);
  write(
    join(lib, 'where.ts'),
    "export const where: string = import.meta.url;\nexport const said = 'import.meta.url stays text';\n",
    1_000,
  );
}
