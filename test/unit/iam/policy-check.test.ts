import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkPolicy,
  loadPolicyFile,
  PolicyError,
  parsePolicyText,
} from '../../../emulator/iam/policy-check.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'policy-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function problemsOf(text: string): Promise<PolicyError> {
  const error = await parsePolicyText(text, 'my-policy.json').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PolicyError);
  return error as PolicyError;
}

describe('policy files checked on load', () => {
  it('accepts both shipped policies', async () => {
    for (const name of ['workshop-2019.json', 'app-least-privilege.json']) {
      const policy = await loadPolicyFile(resolve(REPO, 'policies', name));
      expect(policy.Version).toBe('2012-10-17');
    }
  });

  it('names file, line and column of a JSON mistake', async () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow" "Action": "dynamodb:GetItem", "Resource": "*" }\n  ]\n}\n';
    const error = await problemsOf(text);
    expect(error.message).toContain('my-policy.json');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^line 4, column 25: not valid JSON: expected "," or "}"/);
  });

  it('points at a trailing comma', async () => {
    const error = await problemsOf('{\n  "Version": "2012-10-17",\n  "Statement": [],\n}');
    expect(error.problems[0]).toMatch(/^line 4, column 1: .*trailing commas/);
  });

  it('asks for a missing Version and says what to write', async () => {
    const error = await problemsOf(
      '{ "Statement": { "Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*" } }',
    );
    expect(error.problems).toEqual([
      expect.stringContaining('"Version" is missing; add "Version": "2012-10-17"'),
    ]);
  });

  it('flags an unknown action with its statement, line and the nearest real action', async () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Sid": "Writes", "Effect": "Allow", "Action": ["dynamodb:PutItems"], "Resource": "*" }
  ]
}`;
    const error = await problemsOf(text);
    expect(error.problems).toEqual([
      'line 4, column 54: statement 0 ("Writes"): "dynamodb:PutItems" is not a dynamodb action; did you mean "dynamodb:PutItem"?',
    ]);
  });

  it('flags unknown services, wildcards that match nothing, and misspelled element names', async () => {
    const error = await checkPolicy(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'dynamo:GetItem', Resource: '*' },
          { Effect: 'Allow', Action: 'dynamodb:Frobnicate*', Resource: '*' },
          { effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' },
          { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'table/User' },
          {
            Effect: 'Allow',
            Action: 'dynamodb:GetItem',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'true' } },
          },
        ],
      },
      'serverless.yml iam.role.statements',
    ).catch((e: unknown) => e as PolicyError);
    expect(error).toBeInstanceOf(PolicyError);
    const text = (error as PolicyError).problems.join('\n');
    expect(text).toContain('no AWS service has the prefix "dynamo"');
    expect(text).toContain('"dynamodb:Frobnicate*" matches no dynamodb action');
    expect(text).toContain('unknown element "effect"; did you mean "Effect"?');
    expect(text).toContain('"table/User" is not an ARN');
    expect(text).toContain('Condition, which this emulator does not evaluate');
    expect((error as Error).message).toMatch(
      /^serverless\.yml iam\.role\.statements: the IAM policy has 6 problems/,
    );
  });

  it('says when the file cannot be read', async () => {
    const path = join(dir, 'missing.json');
    await expect(loadPolicyFile(path)).rejects.toThrow(
      /cannot read the file \(ENOENT\); check the path given to --policy/,
    );
  });

  it('reads a good file from disk', async () => {
    const path = join(dir, 'ok.json');
    writeFileSync(
      path,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', NotAction: 'logs:*', NotResource: 'arn:aws:logs:*:*:*' }],
      }),
    );
    await expect(loadPolicyFile(path)).resolves.toMatchObject({ Statement: [{ Effect: 'Deny' }] });
  });
});
