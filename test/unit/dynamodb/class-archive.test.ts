/**
 * The class archive is an optimisation: whatever goes wrong while making it, the engine runs on,
 * no half-written archive is left to crash a later JVM, and the next start may try again.
 */
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archivePlan } from '../../../emulator/dynamodb/class-archive.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function plan(java: string, lines: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'class-archive-'));
  dirs.push(dir);
  const archive = archivePlan({
    dir,
    java,
    classpath: [],
    libraryPath: dir,
    learnAfterMs: 10,
    log: (l) => lines.push(l),
  });
  // What the recording JVM would have written.
  const list = archive.jvmArgs[0]?.split('=')[1] ?? '';
  writeFileSync(list, 'java/lang/Object id: 0\njava/lang/Str');
  return { dir, archive, list };
}

/**
 * A stand-in for java: keeps the class list it was given, writes the archive it was asked for,
 * then ends as `ending` says.
 */
function standIn(ending: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'java-stand-in-'));
  dirs.push(dir);
  const file = join(dir, 'java');
  writeFileSync(
    file,
    `#!/bin/sh
for a in "$@"; do
  case "$a" in
    -XX:SharedClassListFile=*) cp "\${a#*=}" "$(dirname "\${a#*=}")/seen-list.txt" ;;
    -XX:SharedArchiveFile=*) echo dumped > "\${a#*=}" ;;
  esac
done
${ending}
`,
  );
  chmodSync(file, 0o755);
  return file;
}

describe('class archive', () => {
  it('asks the first JVM to record its classes, and the next to map the archive once it exists', () => {
    const { dir, archive } = plan('java');
    expect(archive.jvmArgs).toEqual([expect.stringMatching(/^-XX:DumpLoadedClassList=.*\.classlist$/)]);
    writeFileSync(join(dir, 'classes.jsa'), 'archive');
    const next = archivePlan({ dir, java: 'java', classpath: [], libraryPath: dir, log: () => {} });
    expect(next.jvmArgs).toEqual([`-XX:SharedArchiveFile=${join(dir, 'classes.jsa')}`]);
  });

  it('keeps no archive when the dump fails, says why in a log file, and frees the lock', async () => {
    const lines: string[] = [];
    const { dir, archive } = plan('false', lines);
    const learning = archive.learn();
    await expect
      .poll(() => existsSync(join(dir, 'classes-dump.log')), { timeout: 5_000, message: 'the dump log' })
      .toBe(true);
    await expect
      .poll(() => readdirSync(dir).length, {
        timeout: 5_000,
        message: 'the scratch files and the lock to go',
      })
      .toBe(1);
    expect(readdirSync(dir)).toEqual(['classes-dump.log']);
    expect(lines).toEqual([]);
    await learning.cancel();
  });

  it('hands the dump only whole lines, and renames its archive in once it succeeded', async () => {
    const lines: string[] = [];
    const { dir, archive } = plan(standIn('exit 0'), lines);
    const learning = archive.learn();
    await expect
      .poll(() => existsSync(join(dir, 'classes.jsa')), { timeout: 5_000, message: 'the archive' })
      .toBe(true);
    expect(readFileSync(join(dir, 'seen-list.txt'), 'utf8')).toBe('java/lang/Object id: 0\n');
    expect(readFileSync(join(dir, 'classes.jsa'), 'utf8')).toBe('dumped\n');
    expect(lines).toEqual([expect.stringMatching(/saved a class archive/)]);
    await expect
      .poll(() => readdirSync(dir).some((f) => /classlist|\.tmp|lock/.test(f)), {
        timeout: 5_000,
        message: 'the scratch files to go',
      })
      .toBe(false);
    await learning.cancel();
  });

  it('keeps no archive when the dump exits with an error, even if it wrote one', async () => {
    const { dir, archive } = plan(standIn('exit 1'));
    const learning = archive.learn();
    await expect
      .poll(() => existsSync(join(dir, 'classes-dump.log')), { timeout: 5_000, message: 'the dump log' })
      .toBe(true);
    expect(existsSync(join(dir, 'classes.jsa'))).toBe(false);
    await learning.cancel();
  });

  it('does nothing but tidy up when the engine stops before it is time to dump', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'class-archive-'));
    dirs.push(dir);
    const archive = archivePlan({
      dir,
      java: 'java',
      classpath: [],
      libraryPath: dir,
      learnAfterMs: 60_000,
      log: () => {},
    });
    const list = archive.jvmArgs[0]?.split('=')[1] ?? '';
    writeFileSync(list, 'java/lang/Object id: 0\n');
    await archive.learn().cancel();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is off with DYNAMODB_LOCAL_CDS=0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'class-archive-'));
    dirs.push(dir);
    process.env.DYNAMODB_LOCAL_CDS = '0';
    try {
      expect(
        archivePlan({ dir, java: 'java', classpath: [], libraryPath: dir, log: () => {} }).jvmArgs,
      ).toEqual([]);
    } finally {
      delete process.env.DYNAMODB_LOCAL_CDS;
    }
  });
});
