/**
 * The role the loader gives a serverless.yml service is the one `osls package` writes
 * (IamRoleLambdaExecution in .serverless/cloudformation-template-update-stack.json): the same
 * statements in the same order once CloudFormation's intrinsics are evaluated, the same role
 * name, and the managed policies it attaches. osls v4 packages offline; credentials are dummies.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { managedPolicy } from '../../../emulator/iam/managed-policies.ts';
import { evaluateIntrinsics } from '../../../emulator/serverless/intrinsics.ts';
import { loadServerlessStack } from '../../../emulator/serverless/load.ts';
import { oslsPackage } from '../../support/osls.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const SHAPES: Record<string, string> = {
  'provider.iam.role.statements + managedPolicies': `  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - dynamodb:GetItem
            - dynamodb:PutItem
          Resource:
            - Fn::GetAtt: [Orders, Arn]
        - Effect: Allow
          Action: dynamodb:Query
          Resource: !Sub "\${Orders.Arn}/index/*"
      managedPolicies:
        - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess`,
  'the older provider.iamRoleStatements + iamManagedPolicies': `  iamRoleStatements:
    - Effect: Allow
      Action: [dynamodb:DeleteItem]
      Resource: "arn:aws:dynamodb:*:*:table/legacy"
  iamManagedPolicies:
    - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`,
};

async function packaged(providerIam: string) {
  const dir = mkdtempSync(join(tmpdir(), 'osls-iam-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'h.js'), 'exports.handler = async () => ({ statusCode: 200 });\n');
  writeFileSync(
    join(dir, 'serverless.yml'),
    `service: iamshape
frameworkVersion: "4"
provider:
  name: aws
  runtime: nodejs20.x
  stage: qa
  region: eu-west-1
${providerIam}
functions:
  connect:
    handler: src/h.handler
    events:
      - websocket: $connect
  renamed:
    name: totally-custom
    handler: src/h.handler
    events:
      - websocket: $default
resources:
  Resources:
    Orders:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: orders
        BillingMode: PAY_PER_REQUEST
        AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
        KeySchema: [{ AttributeName: id, KeyType: HASH }]
`,
  );
  await oslsPackage(dir);
  const template = JSON.parse(
    readFileSync(join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8'),
  );
  const stack = await loadServerlessStack(join(dir, 'serverless.yml'), { env: {} });
  return { template, stack };
}

describe.each(Object.entries(SHAPES))('osls package vs the loader: %s', (_shape, providerIam) => {
  it('gives the same role name, statements and managed policies', async () => {
    const { template, stack } = await packaged(providerIam);
    const role = template.Resources.IamRoleLambdaExecution.Properties;
    const ctx = {
      region: 'eu-west-1',
      accountId: stack.accountId,
      apiId: stack.apiId,
      tables: { Orders: 'orders' },
    };
    expect(evaluateIntrinsics(role.RoleName, ctx)).toBe(stack.role.name);
    const inline = evaluateIntrinsics(role.Policies[0].PolicyDocument.Statement, ctx) as unknown[];
    const managedArns = role.ManagedPolicyArns as string[];
    const managed = managedArns.flatMap((arn) => {
      const found = managedPolicy(arn);
      if (!found.found) throw new Error(`${arn} is not in the managed policy table`);
      return found.statements;
    });
    expect(managed.length).toBeGreaterThan(0);
    expect(stack.role.policy.Statement).toEqual([...inline, ...managed]);
  }, 120_000);
});
