import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProgress } from '../../lessons/runner/progress.ts';
import { failedLabels, runCaptured, useTempProgress } from './support.ts';

describe('lesson 4: game', () => {
  let progressFile: string;
  beforeAll(() => {
    progressFile = useTempProgress();
  });
  afterAll(() => {
    delete process.env.LESSON_PROGRESS_FILE;
  });

  it('passes with the reference solution: chat reaches the other player, a right answer moves the game once', async () => {
    const run = await runCaptured(4, true);
    expect(failedLabels(run)).toEqual([]);
    expect(run.passed).toBe(true);
    expect(run.output).toContain('✓ 영희 answers "사과" and both see the next 초성 ㅂㄴㄴ');
    expect(run.output).toContain('✓ answering "사과" again scores nothing');
  });

  it('fails the untouched exercise on each TODO, naming it in the hint', async () => {
    const run = await runCaptured(4, false);
    expect(run.passed).toBe(false);
    expect(failedLabels(run)).toEqual([
      "the other player sees 철수's chat",
      'the chat is saved in Chat (timestamp, room, username, content)',
      '영희 answers "사과" and both see the next 초성 ㅂㄴㄴ',
      '영희 scores a point (answerCnt 1 in User)',
      'answering "사과" again scores nothing',
    ]);
    // What lesson 3 built, and the start! answer the exercise already has, still pass.
    expect(run.output).toContain('✓ "start!" is answered with the game state (초성 ㅅㄱ)');
    expect(run.output).toContain('✓ the game state is not mistaken for chat (no username + content)');
    expect(run.output).toContain('Hint: TODO(chat): broadcast(event, chat)');
    expect(run.output).toContain(
      "Hint: TODO(save): a PutCommand into Chat with timestamp new Date().toISOString() and room 'general'.",
    );
    expect(run.output).toContain('Hint: TODO(answer), isAnswer and nextGame');
    // A handler that never scores must not be told it handles repeats correctly.
    expect(run.output).toContain('cannot tell: the first answer did not score');
    expect(readProgress(progressFile).lessons['4']).toMatchObject({ passed: false, okCount: 4, total: 9 });
  });
});
