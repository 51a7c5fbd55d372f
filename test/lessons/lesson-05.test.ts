import { describe, expect, it } from 'vitest';
import { CHECK_DICTIONARY, CHECK_QUESTIONS } from '../../lessons/05-improvements/check.ts';
import { bankItems } from '../../lessons/05-improvements/solution/improvements.ts';
import { readProgress } from '../../lessons/runner/progress.ts';
import { failedLabels, runCaptured, withTempProgress } from './support.ts';

describe('lesson 5: improvements', () => {
  const progressFile = withTempProgress();

  it('passes with the reference solution: the improved app plays two rooms with the learner’s bank', async () => {
    const run = await runCaptured(5, true);
    expect(failedLabels(run)).toEqual([]);
    expect(run.passed).toBe(true);
    expect(run.output).toContain('✓ chat stays in its room: 영희 hears 철수, 민수 in "other" does not');
    expect(run.output).toContain(
      '✓ 사랑 is accepted for ㅅㄹ although the question was 사람, and the game moves to ㅂㄷ',
    );
    expect(run.output).toContain('✓ a newcomer sees the scores at once: 영희 1');
  });

  it('the reference bank holds only the questions’ patterns, each question among its own answers', () => {
    const items = bankItems(CHECK_QUESTIONS, CHECK_DICTIONARY);
    const patterns = items.filter((item) => String(item.key).startsWith('pattern#'));
    expect(patterns.map((item) => item.key).sort()).toEqual(['pattern#ㅂㄷ', 'pattern#ㅅㄹ']);
    expect(
      [
        ...((patterns.find((item) => item.key === 'pattern#ㅂㄷ')?.words as Set<string> | undefined) ?? []),
      ].sort(),
    ).toEqual(['바다', '보도']);
    expect(items).toContainEqual({ key: 'meta', questionCount: 2 });
  });

  it('fails the untouched exercise on the bank, the join frame and the real parts, and does not start the app', async () => {
    const run = await runCaptured(5, false);
    expect(run.passed).toBe(false);
    expect(failedLabels(run)).toEqual([
      'ㅅㄹ has every answer: 사람, 사랑, 서랍, 소리 (many answers per pattern)',
      'bankItems has { key: "pattern#ㅅㄹ", words: Set {…사랑…} } (the word bank lives outside the code)',
      'joinMessage("철수", "lesson5") is {"action":"join","username":"철수","room":"lesson5"}',
      'claimWord: of 5 players answering word 3 at once, exactly one wins and the game moves once',
      'roomScores reads the room-index with Query, not the whole table with Scan',
      'roomScores follows every page: all 7 players of the room, 2 per request',
      'the improved app plays with your word bank',
    ]);
    // The real parts, judged on a fresh engine: every caller won, a Scan, one page.
    expect(run.output).toContain('5 of 5 calls returned true; the game is at word 4');
    expect(run.output).toContain(
      'roomScores reads the room-index with Query, not the whole table with Scan: sent ScanCommand',
    );
    expect(run.output).toContain('in 1 request(s)');
    expect(run.output).toContain('found nothing for ㅅㄹ');
    expect(run.output).toContain('Hint: group each dictionary word under its 초성 pattern');
    expect(run.output).toContain('no pattern# items among 3 items');
    expect(run.output).toContain('it returns "start!"');
    expect(run.output).toContain('Hint: the gateway routes on $request.body.action');
    expect(run.output).toContain('Hint: fix the ✗ lines above first');
    // Nothing was started for a bank that cannot be right.
    expect(run.output).not.toContain('starting the emulator');
    expect(readProgress(progressFile()).lessons['5']).toMatchObject({ passed: false, okCount: 4, total: 11 });
  });
});
