/**
 * The `chosung-workbench` bin as `npm link` installs it: a symlink on PATH, run from a folder
 * that has no node_modules of ours, finds tsx and the emulator in this repository.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../../support/processes.ts';

const run = promisify(execFile);
const elsewhere = mkdtempSync(join(tmpdir(), 'bin-cwd-'));
const link = join(elsewhere, 'chosung-workbench');
symlinkSync(join(REPO, 'bin', 'chosung-workbench.mjs'), link);
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

describe('chosung-workbench', () => {
  it('prints its commands, and refuses an unknown one with exit code 2', async () => {
    const help = await run(link, ['--help'], { cwd: elsewhere });
    expect(help.stdout).toMatch(/start \[--stack FILE\][\s\S]*logs/);
    const unknown = await run(link, ['deploy'], { cwd: elsewhere }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringMatching(/Usage: chosung-workbench/) });
  });

  it('passes start options through to npm start, loading TypeScript from this repository', async () => {
    const out = await run(link, ['start', '--help'], { cwd: elsewhere });
    expect(out.stdout).toMatch(/--stack FILE[\s\S]*--parameter-overrides/);
  });

  it('names a missing stack file, before anything starts', async () => {
    const failure = await run(link, ['start', '--stack', 'nothing-here.yml'], { cwd: elsewhere }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /nothing-here\.yml does not exist; --stack takes a serverless\.yml or a SAM/,
      ),
    });
  });
});
