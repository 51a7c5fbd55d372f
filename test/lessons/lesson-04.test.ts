import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { policy as lessonOnePolicy } from '../../lessons/01-iam/solution/policy.ts';
import { LESSONS, lessonDir } from '../../lessons/catalogue.ts';
import { readProgress } from '../../lessons/runner/progress.ts';
import { adminDb } from '../../lessons/shared/admin-db.ts';
import { startLessonEmulator } from '../../lessons/shared/emulator.ts';
import { workshopStack } from '../../lessons/shared/workshop-stack.ts';
import { connectClient, isChat, isGameState, type TestClient } from '../../lessons/shared/ws-client.ts';
import { failedLabels, runCaptured, withTempProgress } from './support.ts';
import { solutionVariant } from './variants.ts';

describe('lesson 4: game', () => {
  const progressFile = withTempProgress();

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
    // The pure rules first, on a table of cases (lessons/04-game/cases.test.ts covers each case).
    expect(failedLabels(run).filter((label) => /^(isAnswer|nextGame):/.test(label))).toHaveLength(6);
    expect(failedLabels(run).filter((label) => !/^(isAnswer|nextGame):/.test(label))).toEqual([
      '"start!" is answered with the game state (초성 ㅅㄱ)',
      "the other player sees 철수's chat",
      'the chat is saved in Chat (timestamp, room, username, content)',
      '영희 answers "사과" and both see the next 초성 ㅂㄴㄴ',
      '영희 scores a point (answerCnt 1 in User)',
      'answering "사과" again scores nothing',
      'a connection that is gone (410 GoneException) is removed from User',
      'the live players still get the chat when one connection is gone',
    ]);
    expect(run.output).toContain('✓ two players connect');
    expect(run.output).toContain('✓ every promise is awaited (no floating promises)');
    expect(run.output).toContain('Hint: TODO(post) in broadcast');
    expect(run.output).toContain('Hint: TODO(gone): catch the post error');
    expect(run.output).toContain('Hint: TODO(save): a put into Chat');
    // A handler that never scores must not be told it handles repeats correctly.
    expect(run.output).toContain('cannot tell: the first answer did not score');
    expect(readProgress(progressFile()).lessons['4']).toMatchObject({ passed: false, okCount: 8, total: 22 });
  });

  // A learner's handler that passed every round: the chat saved with `void`, the 410 delete not
  // awaited. The rounds often see both writes land before END; the code says they may not.
  it('fails un-awaited writes on the floating-promise line, with file:line:col and the code', async () => {
    const variant = solutionVariant(4, [
      {
        file: 'handler.ts',
        from: 'await db.send(\n        new PutCommand({\n          TableName: CHAT_TABLE',
        to: 'void db.send(\n        new PutCommand({\n          TableName: CHAT_TABLE',
      },
      {
        file: 'handler.ts',
        from: 'await db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId: id } }))',
        to: 'db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId: id } }))',
      },
    ]);
    try {
      const run = await runCaptured(4, false, { exerciseDir: variant.dir });
      expect(run.passed).toBe(false);
      const floating = failedLabels(run).filter((label) => label.startsWith('the promise at '));
      expect(floating).toEqual([
        expect.stringMatching(/handler\.ts:\d+:7 is awaited$/),
        expect.stringMatching(/handler\.ts:\d+:11 is awaited$/),
      ]);
      expect(run.output).toContain('`void` throws the promise away on purpose');
      expect(run.output).toContain(
        'db.send(new DeleteCommand({ TableName: USER_TABLE, Key: { connectionId: id } }));',
      );
      expect(run.output).toContain('Lambda freezes the instance');
      const ko = await runCaptured(4, false, { exerciseDir: variant.dir, lang: 'ko' });
      expect(ko.output).toMatch(/✗ \S+handler\.ts:\d+:7의 프로미스를 await 함/);
      expect(ko.output).toContain('Lambda는 인스턴스를 얼립니다');
    } finally {
      variant.remove();
    }
  });

  // The lesson's own stack runs under the workshop's wide policy; on a real account the learner
  // attaches lesson 1's narrow one. Both lessons' references must agree on what the game calls.
  it("plays a round under lesson 1's least-privilege policy, as it would on a real account", async () => {
    const lesson = LESSONS.find((l) => l.number === 4);
    if (!lesson) throw new Error('lesson 4 is not in the catalogue');
    const stack = workshopStack({
      name: 'lesson-04-under-lesson-01-policy',
      entry: join(lessonDir(lesson), 'solution', 'handler.ts'),
      routes: ['$connect', '$disconnect', '$default'],
      policy: lessonOnePolicy,
    });
    const engine = process.env.TEST_ENGINE as EngineKind | undefined;
    const emulator = await startLessonEmulator(stack, { log: () => {}, ...(engine ? { engine } : {}) });
    const db = adminDb(emulator.urls.dynamodb);
    const clients: TestClient[] = [];
    try {
      clients.push(
        await connectClient(emulator.urls.ws, '철수'),
        await connectClient(emulator.urls.ws, '영희'),
      );
      const [a, b] = clients as [TestClient, TestClient];
      b.send({ username: '영희', content: '사과' });
      expect(await a.waitFor((f) => isChat(f, '사과'))).toBeDefined();
      expect(await a.waitFor((f) => isGameState(f, 'ㅂㄴㄴ'))).toBeDefined();
      await expect
        .poll(async () => (await db.scanAll('User')).some((row) => row.answerCnt === 1), {
          timeout: 5_000,
          interval: 100,
        })
        .toBe(true);
      const denied = (await emulator.logMessages('android-realtime-lambda')).filter((m) =>
        /AccessDenied|not authorized/i.test(m),
      );
      expect(denied).toEqual([]);
    } finally {
      for (const client of clients) await client.close();
      db.close();
      await emulator.stop();
    }
  });
});
