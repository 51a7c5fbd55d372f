/**
 * The same code gets the same verdict on every run. Each known-bad variant below raced Lambda's
 * freeze before the checks waited for the invocation's END; it runs 5 times here and every run
 * must fail the ✗ lines the missing await decides: the floating-promise line read off the code,
 * and the rounds whose write has nothing to race (a line whose write races the handler's own
 * later calls may go either way, as on AWS). Variants are the reference solutions with one
 * await taken away.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured, withTempProgress } from '../lessons/support.ts';
import { solutionVariant, type VariantDir } from '../lessons/variants.ts';

const RUNS = 5;

describe('lesson verdicts are deterministic', () => {
  withTempProgress();
  const dirs: VariantDir[] = [];
  afterAll(() => {
    for (const dir of dirs) dir.remove();
  });

  const verdicts = async (lesson: number, exerciseDir: string) => {
    const seen: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await runCaptured(lesson, false, { exerciseDir });
      seen.push(
        run.items
          .filter((item) => !item.ok)
          .map((item) => (typeof item.label === 'string' ? item.label : item.label.en))
          .join(' | '),
      );
    }
    return seen;
  };

  it('lesson 3: a $disconnect whose delete is not awaited fails on the missing await 5 times out of 5', {
    timeout: 300_000,
  }, async () => {
    const variant = solutionVariant(3, [
      {
        file: 'handler.ts',
        from: 'await db.send(new DeleteCommand(',
        to: 'void db.send(new DeleteCommand(',
      },
    ]);
    dirs.push(variant);
    const seen = await verdicts(3, variant.dir);
    // The missing await is read off the code before the rounds, on every run. Whether the round
    // also sees the row stay depends on whether the un-awaited DeleteItem left the instance before
    // it froze: a real race, as on AWS, so that line may go either way.
    for (const failed of seen) {
      expect(failed).toMatch(
        /^the promise at \S+handler\.ts:\d+:\d+ is awaited( \| disconnecting removes the row)?$/,
      );
    }
  });

  it('lesson 4: a broadcast whose posts are not awaited fails on the state broadcast 5 times out of 5', {
    timeout: 400_000,
  }, async () => {
    const variant = solutionVariant(4, [
      {
        file: 'handler.ts',
        from: 'await api.send(new PostToConnectionCommand(',
        to: 'void api.send(new PostToConnectionCommand(',
      },
    ]);
    dirs.push(variant);
    const seen = await verdicts(4, variant.dir);
    for (const failed of seen) {
      expect(failed).toContain('"start!" is answered with the game state');
      expect(failed).toContain('and both see the next 초성');
      expect(failed).toContain('a connection that is gone (410 GoneException) is removed from User');
      expect(failed).toMatch(/the promise at \S+handler\.ts:\d+:\d+ is awaited/);
    }
  });
});
