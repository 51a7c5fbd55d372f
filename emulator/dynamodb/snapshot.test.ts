import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepOrphans } from './snapshot.ts';

describe('sweepOrphans', () => {
  const base = mkdtempSync(join(tmpdir(), 'snapshot-sweep-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('removes the copies of emulators that are gone, and nothing else', () => {
    // A pid that was just used and has exited.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const orphan = join(base, `workbench-dynamodb-${dead}-abc123`);
    const ours = join(base, `workbench-dynamodb-${process.pid}-def456`);
    const other = join(base, 'workbench-dynamodb-notapid');
    for (const dir of [orphan, ours, other]) mkdirSync(dir);

    sweepOrphans(base);

    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(ours)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });
});
