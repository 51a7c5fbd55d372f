import { describe, expect, it } from 'vitest';
import { readProgress } from '../../lessons/runner/progress.ts';
import { failedLabels, runCaptured, withTempProgress } from './support.ts';

describe('lesson 2: tables', () => {
  const progressFile = withTempProgress();

  it('passes with the reference solution', async () => {
    const run = await runCaptured(2, true);
    expect(failedLabels(run)).toEqual([]);
    expect(run.passed).toBe(true);
    expect(run.output).toContain('✓ Table Game: key `id` is type N (number)');
  });

  it('fails the untouched exercise, naming the missing table and the wrong key type with hints', async () => {
    const run = await runCaptured(2, false);
    expect(run.passed).toBe(false);
    expect(failedLabels(run)).toEqual(['Table Chat exists', 'Table Game: key `id` is type N (number)']);
    expect(run.output).toContain('✗ Table Game: key `id` is type N (number): found S (string)');
    expect(run.output).toContain("Hint: set AttributeType: 'N'");
    expect(run.output).toContain('partition key `timestamp` of type S (string)');
    expect(readProgress(progressFile()).lessons['2']).toMatchObject({
      passed: false,
      total: run.items.length,
    });
  });
});
