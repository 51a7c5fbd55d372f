import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { readProgress } from '../../lessons/runner/progress.ts';
import { runLesson } from '../../lessons/runner/run-lesson.ts';
import { connectClient } from '../../lessons/shared/ws-client.ts';
import { failedLabels, runCaptured, withTempProgress } from './support.ts';

describe('lesson 3: connection', () => {
  const progressFile = withTempProgress();

  it('passes with the reference solution: a row on connect, a log line, the row gone on disconnect', async () => {
    const run = await runCaptured(3, true);
    expect(failedLabels(run)).toEqual([]);
    expect(run.passed).toBe(true);
    expect(run.output).toContain('✓ the row is { connectionId, answerCnt: 0 }');
    expect(run.output).toContain('✓ disconnecting removes the row');
  });

  it('fails the untouched exercise on the missing PutCommand, and says why the delete cannot be judged', async () => {
    const run = await runCaptured(3, false);
    expect(run.passed).toBe(false);
    expect(failedLabels(run)).toEqual(['connecting puts a row in User', 'disconnecting removes the row']);
    // The connection itself and the log line already work in the exercise: only the table calls are missing.
    expect(run.output).toContain('✓ a WebSocket client connects (wscat -c URL)');
    expect(run.output).toContain('✓ the log group /aws/lambda/android-realtime-lambda shows the connect');
    expect(run.output).toContain(
      '✗ connecting puts a row in User: User has 0 rows when $connect has returned',
    );
    expect(run.output).toContain(
      'Hint: in the CONNECT branch, write the row with a PutCommand — and await it',
    );
    expect(run.output).toContain('cannot tell: no row appeared on connect');
    expect(readProgress(progressFile()).lessons['3']).toMatchObject({
      passed: false,
      total: run.items.length,
    });
  });

  it('--keep leaves the stack up for wscat until it is stopped', async () => {
    const engine = process.env.TEST_ENGINE as EngineKind | undefined;
    const run = await runLesson(
      { lesson: 3, solution: true, keep: true },
      { print: () => {}, ...(engine ? { engine } : {}) },
    );
    const kept = run.kept;
    const ws = kept?.urls.ws ?? '';
    let stopped = false;
    try {
      expect(run.passed).toBe(true);
      expect(ws).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/dev$/);
      expect(existsSync(kept?.urls.logs ?? '')).toBe(true);
      const client = await connectClient(ws, 'after the check');
      await client.close();
      await kept?.stop();
      stopped = true;
      await expect(connectClient(ws, 'after stop', 2000)).rejects.toThrow();
      // The run's log folder serves `npm run logs` while the stack is up; stopping removes it.
      expect(kept?.urls.logs).toMatch(/lesson-03-connection-logs-/);
      expect(existsSync(kept?.urls.logs ?? '')).toBe(false);
    } finally {
      if (!stopped) await kept?.stop();
    }
  });
});
