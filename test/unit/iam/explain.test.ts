import { describe, expect, it } from 'vitest';
import { Iam } from '../../../emulator/iam/iam.ts';

describe('Iam.explain', () => {
  it('names the statement that allowed or explicitly denied a request, and none for an implicit deny', async () => {
    const iam = new Iam({ accountId: '123456789012', region: 'ap-northeast-2' });
    await iam.registerRole({
      name: 'app',
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Tables', Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
          { Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: '*' },
        ],
      },
    });
    const role = iam.rolePrincipal('app', 'fn', 'ASIAEXAMPLE');
    expect(
      iam.explain(role, 'dynamodb:PutItem', 'arn:aws:dynamodb:ap-northeast-2:123456789012:table/User'),
    ).toEqual({
      reason: 'allow',
      role: 'app',
      statementIndex: 0,
      sid: 'Tables',
      statement: { Sid: 'Tables', Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
    });
    expect(
      iam.explain(role, 'dynamodb:DeleteTable', 'arn:aws:dynamodb:ap-northeast-2:123456789012:table/User'),
    ).toMatchObject({
      reason: 'explicit-deny',
      statementIndex: 1,
      statement: { Effect: 'Deny' },
    });
    expect(
      iam.explain(
        role,
        'execute-api:ManageConnections',
        'arn:aws:execute-api:ap-northeast-2:123456789012:a/dev/POST/@connections/x',
      ),
    ).toEqual({
      reason: 'implicit-deny',
      role: 'app',
    });
    expect(iam.explain({ kind: 'admin', accessKeyId: 'AKIA' }, 'dynamodb:PutItem', '*').reason).toBe('allow');
  });
});
