/**
 * Finding Java: `java -version` is asked once, then remembered across starts while the binary is
 * the same file. A stand-in `java` script counts how often it is asked.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'java-probe-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A `java` that says `version` on stderr, as the JDK does, and notes each time it runs. */
function fakeJava(version: string, name = 'java'): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `#!/bin/sh\necho run >> "${join(dir, 'runs')}"\necho 'openjdk version "${version}" 2025-04-15' >&2\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

const runs = () => {
  try {
    return readFileSync(join(dir, 'runs'), 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

/** probeJava as a new start sees it: a fresh module, so only the file remembers. */
async function newStart() {
  vi.resetModules();
  return (await import('./java.ts')).probeJava;
}

describe('probeJava', () => {
  it('asks a Java once, and again only when the binary changed', async () => {
    const java = fakeJava('17.0.15');
    const cache = join(dir, 'probes.json');
    const first = (await newStart())(java, cache);
    expect(first).toMatchObject({ found: true, version: 17, command: java });
    expect(runs()).toBe(1);

    expect((await newStart())(java, cache)).toEqual(first);
    expect(runs()).toBe(1);

    // An upgrade in place: another file at the same path.
    fakeJava('21.0.2');
    expect((await newStart())(java, cache)).toMatchObject({ found: true, version: 21 });
    expect(runs()).toBe(2);
  });

  it('finds `java` through PATH, and does not remember a Java too old to use', async () => {
    fakeJava('11.0.2');
    const cache = join(dir, 'probes.json');
    vi.stubEnv('PATH', dir);
    try {
      expect((await newStart())('java', cache)).toMatchObject({ found: false });
      expect((await newStart())('java', cache)).toMatchObject({ found: false });
      expect(runs()).toBe(2);
      fakeJava('17.0.15');
      expect((await newStart())('java', cache)).toMatchObject({ found: true, version: 17 });
      expect((await newStart())('java', cache)).toMatchObject({ found: true, version: 17 });
      expect(runs()).toBe(3);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
