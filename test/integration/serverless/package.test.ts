/**
 * `osls package` runs offline and produces what a deploy would send: the CloudFormation template
 * (WebSocket API and routes, the tables, the least-privilege role) and a zip holding the bundled
 * handler. Nothing here talks to AWS; the credentials in the environment are dummies.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeInfo, stageOf, today } from '../../../emulator/lambda/runtimes/lifecycle.ts';
import { evaluateIntrinsics } from '../../../emulator/serverless/intrinsics.ts';
import { appTables } from '../../../lambda/src/tables.ts';
import { loadPolicy } from '../../../lessons/shared/policies.ts';
import { oslsPackage } from '../../support/osls.ts';
import { REPO } from '../../support/processes.ts';
import { normaliseStatements } from './policy.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };

const outDir = mkdtempSync(join(tmpdir(), 'osls-package-'));
let template: { Resources: Record<string, Resource> };
let output = '';

function resourcesOfType(type: string): Array<[string, Resource]> {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type);
}

beforeAll(async () => {
  const result = await oslsPackage(REPO, ['--package', outDir]);
  output = result.stdout + result.stderr;
  template = JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('osls package', () => {
  it('bundles the handler and says so', () => {
    expect(output).toContain('esbuild: bundling lambda/src/index.ts');
  });

  it('compiles one WebSocket API with the app routes and its route selection expression', () => {
    const apis = resourcesOfType('AWS::ApiGatewayV2::Api');
    expect(apis).toHaveLength(1);
    expect(apis[0]?.[1].Properties).toMatchObject({
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
    const routeKeys = resourcesOfType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    expect(routeKeys.sort()).toEqual(['$connect', '$default', '$disconnect', 'join']);
  });

  it('runs the function on nodejs24.x with the workshop timeout, as the app role, from the bundle', () => {
    const functions = resourcesOfType('AWS::Lambda::Function');
    expect(functions).toHaveLength(1);
    const fn = functions[0]?.[1].Properties ?? {};
    expect(fn).toMatchObject({
      Runtime: 'nodejs24.x',
      Timeout: 30,
      Handler: 'dist/serverless-bundle/index.handler',
      Role: { 'Fn::GetAtt': ['AppRole', 'Arn'] },
    });
    // The framework's default role would add ManageConnections on every API of every account.
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
  });

  it('deploys every function on a runtime AWS supports today (emulator/lambda/runtimes/table.ts)', () => {
    for (const [name, fn] of resourcesOfType('AWS::Lambda::Function')) {
      const runtime = runtimeInfo(String(fn.Properties.Runtime), name);
      expect(stageOf(runtime, today()), `${name} on ${runtime.id}`).toBe('supported');
    }
  });

  it('declares the tables lambda/src/tables.ts defines', () => {
    const tables = resourcesOfType('AWS::DynamoDB::Table').map(([, r]) => r.Properties);
    const key = (t: { TableName?: unknown }) => String(t.TableName);
    expect(tables.map(key).sort()).toEqual(appTables.map(key).sort());
    for (const table of appTables) {
      const declared = tables.find((t) => t.TableName === table.TableName);
      expect(declared).toMatchObject({
        KeySchema: table.KeySchema,
        AttributeDefinitions: table.AttributeDefinitions,
        BillingMode: 'PAY_PER_REQUEST',
      });
      expect(declared?.GlobalSecondaryIndexes).toEqual(table.GlobalSecondaryIndexes);
    }
  });

  it('gives the role exactly the statements of policies/app-least-privilege.json', () => {
    const role = template.Resources.AppRole;
    expect(role?.Type).toBe('AWS::IAM::Role');
    const policies = (role?.Properties.Policies ?? []) as Array<{ PolicyDocument: { Statement: unknown[] } }>;
    const statements = policies.flatMap((p) => p.PolicyDocument.Statement);
    const tables = Object.fromEntries(
      resourcesOfType('AWS::DynamoDB::Table').map(([id, r]) => [id, String(r.Properties.TableName)]),
    );
    // The policy file is written for account 123456789012 in ap-northeast-2 and any API id.
    const evaluated = evaluateIntrinsics(statements, {
      region: 'ap-northeast-2',
      accountId: '123456789012',
      apiId: '*',
      tables,
    });
    const policy = loadPolicy('app-least-privilege');
    expect(normaliseStatements(evaluated)).toEqual(normaliseStatements(policy.Statement));
    expect(JSON.stringify(role?.Properties.AssumeRolePolicyDocument)).toContain('lambda.amazonaws.com');
  });

  it('zips a bundle that loads and keeps the AWS SDK external', async () => {
    const zip = readFileSync(join(outDir, 'chosung-quiz.zip'));
    expect(zip.includes('dist/serverless-bundle/index.mjs')).toBe(true);
    const bundle = resolve(REPO, 'dist/serverless-bundle/index.mjs');
    expect(existsSync(bundle)).toBe(true);
    const code = readFileSync(bundle, 'utf8');
    expect(code).toMatch(/from\s*["']@aws-sdk\/client-dynamodb["']/);
    const module = (await import(pathToFileURL(bundle).href)) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });
});
