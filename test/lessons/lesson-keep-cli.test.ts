/**
 * `npm run lesson:3 -- --keep`, then Ctrl+C, as a learner does it: the stack stops and the run's
 * log folder in the temp directory goes with it (issue 17: it used to stay behind).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { npmNodeArgs } from '../../scripts/npm-scripts.ts';
import { REPO, waitForExit } from '../support/processes.ts';

describe('npm run lesson -- --keep', () => {
  const progressDir = mkdtempSync(join(tmpdir(), 'lesson-keep-cli-'));
  afterAll(() => rmSync(progressDir, { recursive: true, force: true }));

  it('removes the log folder it printed when stopped with Ctrl+C', { timeout: 120_000 }, async () => {
    const child = spawn(
      process.execPath,
      [...npmNodeArgs('scripts/lesson.ts'), '3', '--solution', '--keep'],
      {
        cwd: REPO,
        env: {
          ...process.env,
          LANG: 'ko_KR.UTF-8',
          LC_ALL: '',
          LESSON_PROGRESS_FILE: join(progressDir, 'progress.json'),
          ...(process.env.TEST_ENGINE ? { DYNAMODB_ENGINE: process.env.TEST_ENGINE } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    try {
      await expect.poll(() => out, { timeout: 90_000, interval: 200 }).toContain('멈추려면 Ctrl+C');
      const logs = /npm run logs -- --dir (\S+) --follow/.exec(out)?.[1] ?? '';
      expect(logs).toMatch(/lesson-03-connection-logs-/);
      expect(existsSync(logs)).toBe(true);
      expect(out).toContain('로그 폴더도 함께 지워집니다');
      child.kill('SIGINT');
      expect(await waitForExit(child, 10_000)).toBe(0);
      expect(out).toContain('스택을 멈춥니다…');
      expect(existsSync(logs)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
