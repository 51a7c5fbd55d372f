import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import * as exercise from '../../lessons/02-tables/exercise/room-chat.ts';
import { checkKeyDesign, MESSAGES, ROOMS } from '../../lessons/02-tables/key-design.ts';
import * as solution from '../../lessons/02-tables/solution/room-chat.ts';
import { Checklist } from '../../lessons/runner/checklist.ts';
import { type Msg, pick } from '../../lessons/runner/i18n.ts';
import { readProgress } from '../../lessons/runner/progress.ts';
import { startCheckEngine } from '../../lessons/shared/engine.ts';
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
    expect(failedLabels(run)).toEqual([
      'Table Chat exists',
      'Table Game: key `id` is type N (number)',
      'RoomChat: partition key `room`, sort key `timestamp`',
    ]);
    expect(run.output).toContain('✗ Table Game: key `id` is type N (number): found S (string)');
    expect(run.output).toContain('Hint: the type is set in AttributeDefinitions');
    expect(run.output).toContain(
      "add a CreateTable entry for Chat; the workshop's step 2 names its partition key",
    );
    // Key design: the untouched RoomChat has no sort key, so the Query part cannot be judged yet.
    expect(run.output).toContain('✗ RoomChat: partition key `room`, sort key `timestamp`: found room:HASH');
    expect(readProgress(progressFile()).lessons['2']).toMatchObject({
      passed: false,
      total: run.items.length,
    });
  });

  it('tells a Scan from a Query by what DynamoDB read, even when the answer is right', async () => {
    const progress: Msg[] = [];
    const db = await startCheckEngine(process.env.TEST_ENGINE as EngineKind | undefined, (line) =>
      progress.push(line),
    );
    try {
      // The engine's own lines reach a Korean learner in Korean (the English stays the emulator's).
      const ready = progress.map((line) => pick(line, 'ko')).find((line) => line.startsWith('DynamoDB: '));
      expect(ready).toMatch(/메모리에만 저장, 주소 http:\/\/127\.0\.0\.1:\d+$/);
      expect(progress.map((line) => pick(line, 'ko')).filter((line) => !/[가-힣]/.test(line))).toEqual([]);
      // The right table, but the exercise's Scan-and-filter: the answer is right, the cost is not.
      const scanning = new Checklist();
      await checkKeyDesign(scanning, db.ddb, {
        roomChatTable: solution.roomChatTable,
        recentInRoom: exercise.recentInRoom,
      });
      const lines = scanning.items.map(
        (i) => `${i.ok ? '✓' : '✗'} ${pick(i.label, 'en')}${i.detail ? `: ${pick(i.detail, 'en')}` : ''}`,
      );
      expect(lines).toEqual([
        '✓ RoomChat: partition key `room`, sort key `timestamp`',
        '✓ recentInRoom(general, 5) gives the 5 newest messages of general, newest first',
        `✗ it reads one room's newest items with Query, not all ${MESSAGES} with Scan: sent ScanCommand; DynamoDB read ${MESSAGES} items for 5 answers`,
      ]);
      // A Query without Limit reads the whole room: the hint is about Limit, not about Scan.
      const unlimited = new Checklist();
      await checkKeyDesign(unlimited, db.ddb, {
        roomChatTable: solution.roomChatTable,
        recentInRoom: async (doc, room, limit) => {
          const page = await doc.send(
            new QueryCommand({
              TableName: 'RoomChat',
              KeyConditionExpression: '#room = :room',
              ExpressionAttributeNames: { '#room': 'room' },
              ExpressionAttributeValues: { ':room': room },
              ScanIndexForward: false,
            }),
          );
          return (page.Items ?? []).slice(0, limit) as Awaited<ReturnType<typeof solution.recentInRoom>>;
        },
      });
      const costly = unlimited.failures.at(-1);
      expect(pick(costly?.detail ?? '', 'en')).toBe(
        `sent QueryCommand; DynamoDB read ${MESSAGES / ROOMS.length} items for 5 answers`,
      );
      expect(pick(costly?.hint ?? '', 'en')).toContain('no Limit');
      expect(pick(costly?.hint ?? '', 'ko')).toContain('Limit이 없으면');
      expect(pick(costly?.hint ?? '', 'en')).not.toContain('a Scan reads');
      const querying = new Checklist();
      await checkKeyDesign(querying, db.ddb, solution);
      expect(querying.passed).toBe(true);
    } finally {
      await db.stop();
    }
  });
});
