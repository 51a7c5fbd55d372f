import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEEDED, ROLE_NAME, TOO_BROAD } from '../../lessons/01-iam/requirements.ts';
import { LESSONS_DIR } from '../../lessons/catalogue.ts';
import { askerFor } from '../../lessons/shared/iam.ts';
import { loadPolicy } from '../../lessons/shared/policies.ts';
import { failedLabels, runCaptured, withTempProgress } from './support.ts';

/** The reference policy, its imports pointed back into the repository, to copy elsewhere and edit. */
function solutionPolicy(): string {
  return readFileSync(join(LESSONS_DIR, '01-iam', 'solution', 'policy.ts'), 'utf8')
    .replace("'../../../emulator/stack.ts'", `'${join(LESSONS_DIR, '..', 'emulator', 'stack.ts')}'`)
    .replace("'../trust.ts'", `'${join(LESSONS_DIR, '01-iam', 'trust.ts')}'`);
}

describe('lesson 1: IAM', () => {
  withTempProgress();

  it('passes with the reference solution', async () => {
    const run = await runCaptured(1, true);
    expect(failedLabels(run)).toEqual([]);
    expect(run.passed).toBe(true);
  });

  it('fails the untouched exercise: missing logs and ManageConnections, over-broad DynamoDB', async () => {
    const run = await runCaptured(1, false);
    expect(run.passed).toBe(false);
    const failed = failedLabels(run);
    expect(failed).toContain(
      'the function may logs:PutLogEvents on log group /aws/lambda/android-realtime-lambda (console.log lines reach CloudWatch)',
    );
    expect(failed.some((label) => label.startsWith('the function may execute-api:ManageConnections'))).toBe(
      true,
    );
    expect(failed).toContain('the function may NOT dynamodb:DeleteTable on table User');
    expect(run.output).toContain('too broad: it is allowed by "Tables"');
    expect(run.output).toContain('Hint: list the actions one by one');
    expect(failed).toContain(
      'the trust policy lets Lambda assume the role (lambda.amazonaws.com, sts:AssumeRole)',
    );
  });

  it('names the per-table fix when no wildcard is left, and checks who may assume the role', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lesson-01-'));
    try {
      const solution = solutionPolicy()
        // One statement for Chat and Game, with DeleteItem: no wildcard, yet Game may now be
        // deleted from, and Chat read and deleted from.
        .replace(
          "Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],\n      Resource: `arn:aws:dynamodb:${region}:${account}:table/Game`,",
          "Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],\n      Resource: [`arn:aws:dynamodb:${region}:${account}:table/Chat`, `arn:aws:dynamodb:${region}:${account}:table/Game`],",
        )
        .replace(
          "Principal: { Service: 'lambda.amazonaws.com' }",
          "Principal: { Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] }",
        );
      writeFileSync(join(dir, 'policy.ts'), solution);
      const run = await runCaptured(1, false, { exerciseDir: dir, lang: 'en' });
      expect(solution).toContain(
        "'dynamodb:DeleteItem'],\n      Resource: [`arn:aws:dynamodb:${region}:${account}:table/Chat`",
      );
      expect(failedLabels(run)).toEqual([
        'nobody else may assume the role',
        'the function may NOT dynamodb:DeleteItem on table Game',
        'the function may NOT dynamodb:DeleteItem on arn:aws:dynamodb:ap-northeast-2:123456789012:table/Chat',
        'the function may NOT dynamodb:GetItem on arn:aws:dynamodb:ap-northeast-2:123456789012:table/Chat',
      ]);
      expect(run.output).toContain(
        'no wildcard is left: statement "Game" gives every table it lists every action it lists',
      );
      expect(run.output).toContain('allowed by "Game", and the function never makes this call');
      expect(run.output).toContain('also allowed: ec2.amazonaws.com');
      const ko = await runCaptured(1, false, { exerciseDir: dir, lang: 'ko' });
      expect(ko.output).toContain('와일드카드는 없습니다');
      expect(ko.output).toContain('✗ 함수가 테이블 Game에 dynamodb:DeleteItem 불가');
      expect(ko.output).toContain(
        '✗ 함수가 arn:aws:dynamodb:ap-northeast-2:123456789012:table/Chat에 dynamodb:GetItem 불가',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses the learner's extra grants on User and Chat, one ✗ line each with the ARN", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lesson-01-'));
    try {
      const solution = solutionPolicy()
        .replace(
          "Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],",
          "Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:UpdateTable', 'dynamodb:BatchWriteItem'],",
        )
        .replace(
          "Action: 'dynamodb:PutItem',",
          "Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan'],",
        );
      writeFileSync(join(dir, 'policy.ts'), solution);
      const run = await runCaptured(1, false, { exerciseDir: dir, lang: 'en' });
      const arn = (table: string) => `arn:aws:dynamodb:ap-northeast-2:123456789012:table/${table}`;
      expect(failedLabels(run).sort()).toEqual(
        [
          `the function may NOT dynamodb:UpdateTable on ${arn('User')}`,
          `the function may NOT dynamodb:BatchWriteItem on ${arn('User')}`,
          `the function may NOT dynamodb:DeleteItem on ${arn('Chat')}`,
          `the function may NOT dynamodb:BatchWriteItem on ${arn('Chat')}`,
          `the function may NOT dynamodb:Scan on ${arn('Chat')}`,
        ].sort(),
      );
      expect(run.output).toContain('Hint: take dynamodb:UpdateTable off this resource');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("judges the workshop's own policy as AWS did: everything needed works, and far too much else", async () => {
    const asker = await askerFor({ name: ROLE_NAME, policy: loadPolicy('workshop-2019') });
    for (const need of NEEDED) expect(asker.ask(need.action, need.resource).allowed, need.action).toBe(true);
    const allowedProbes = TOO_BROAD.filter((probe) => asker.ask(probe.action, probe.resource).allowed);
    // Only iam:* was outside what it granted; its `**/@connections/*` reaches every API.
    expect(allowedProbes.map((p) => p.action)).toEqual(
      TOO_BROAD.filter((p) => !p.action.startsWith('iam:')).map((p) => p.action),
    );
  });
});
