import { describe, expect, it } from 'vitest';
import { NEEDED, ROLE_NAME, TOO_BROAD } from '../../lessons/01-iam/requirements.ts';
import { askerFor } from '../../lessons/shared/iam.ts';
import { loadPolicy } from '../../lessons/shared/policies.ts';
import { failedLabels, runCaptured, withTempProgress } from './support.ts';

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
