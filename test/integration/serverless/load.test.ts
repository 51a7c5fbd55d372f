import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServerlessStack, stackFromServerlessYaml } from '../../../emulator/serverless/load.ts';
import { appTables } from '../../../lambda/src/tables.ts';
import { loadPolicy } from '../../../lessons/shared/policies.ts';
import { REPO } from '../../support/processes.ts';
import { normaliseStatements } from './policy.ts';

describe('loadServerlessStack(serverless.yml)', () => {
  it('runs the one app function on every WebSocket route with the workshop timeout', async () => {
    const stack = await loadServerlessStack(resolve(REPO, 'serverless.yml'), { env: {} });
    expect(stack).toMatchObject({ name: 'chosung-quiz', stage: 'dev', region: 'ap-northeast-2' });
    expect(stack.functions).toHaveLength(1);
    const [fn] = stack.functions;
    expect(fn).toMatchObject({
      name: 'chosung-quiz-dev-app',
      entry: resolve(REPO, 'lambda/src/index.ts'),
      handler: 'handler',
      timeoutSeconds: 30,
    });
    expect(fn?.environment).toEqual({
      USER_TABLE: 'User',
      CHAT_TABLE: 'Chat',
      GAME_TABLE: 'Game',
      WORDS_TABLE: 'Words',
      PLAYER_TABLE: 'Player',
    });
    expect(Object.keys(stack.routes).sort()).toEqual(['$connect', '$default', '$disconnect', 'join']);
    for (const route of Object.values(stack.routes))
      expect(route).toEqual({ function: 'chosung-quiz-dev-app' });
    expect(stack.routeSelectionExpression).toBe('$request.body.action');
    expect(typeof stack.seed).toBe('function');
  });

  it('declares exactly the tables the app defines in lambda/src/tables.ts', async () => {
    const stack = await loadServerlessStack(resolve(REPO, 'serverless.yml'), { env: {} });
    const byName = (t: { TableName?: string | undefined }) => t.TableName ?? '';
    const sorted = (ts: typeof appTables) => [...ts].sort((a, b) => byName(a).localeCompare(byName(b)));
    expect(sorted(stack.tables)).toEqual(sorted(appTables));
  });

  it('gives the role ARNs in the emulated account, region and API', async () => {
    const stack = await loadServerlessStack(resolve(REPO, 'serverless.yml'), {
      env: {},
      accountId: '111122223333',
      apiId: 'abcdefghij',
    });
    const resources = [stack.role.policy.Statement].flat().flatMap((s) => [s.Resource ?? []].flat());
    expect(resources).toContain('arn:aws:dynamodb:ap-northeast-2:111122223333:table/User');
    expect(resources).toContain(
      'arn:aws:execute-api:ap-northeast-2:111122223333:abcdefghij/*/POST/@connections/*',
    );
    expect(resources.join(' ')).not.toMatch(/\$\{|Fn::/);
  });

  it('grants what policies/app-least-privilege.json grants', async () => {
    const stack = await loadServerlessStack(resolve(REPO, 'serverless.yml'), { env: {}, apiId: '*' });
    const policy = loadPolicy('app-least-privilege');
    expect(normaliseStatements(stack.role.policy.Statement)).toEqual(normaliseStatements(policy.Statement));
  });
});

describe('stackFromServerlessYaml', () => {
  const fixture = resolve(REPO, 'test/integration/serverless/fixtures/echo');
  const yaml = (body: string) => `service: probe\nprovider:\n  name: aws\n${body}`;

  it('resolves env variables with fallbacks, and stage/region overrides', () => {
    const text = yaml(
      [
        '  stage: dev',
        '  environment:',
        '    PORT: ${env:PROBE_PORT, 8000}',
        "    WHERE: ${sls:stage}-${aws:region}-${env:MISSING, 'none'}",
        '    TABLE: ${self:custom.table}',
        'custom:',
        '  table: T-${sls:stage}',
        'functions:',
        '  f:',
        '    handler: handler.handler',
        '    timeout: 7',
        '    events:',
        '      - websocket: $default',
        '      - websocket:',
        '          route: ask',
        '          routeResponseSelectionExpression: $default',
      ].join('\n'),
    );
    const stack = stackFromServerlessYaml(text, fixture, {
      env: { PROBE_PORT: '9' },
      stage: 'qa',
      region: 'eu-west-1',
    });
    expect(stack.functions[0]?.environment).toEqual({ PORT: '9', WHERE: 'qa-eu-west-1-none', TABLE: 'T-qa' });
    expect(stack.functions[0]).toMatchObject({
      name: 'probe-qa-f',
      timeoutSeconds: 7,
      entry: resolve(fixture, 'handler.ts'),
    });
    expect(stack.routes).toEqual({
      $default: { function: 'probe-qa-f' },
      ask: { function: 'probe-qa-f', routeResponse: true },
    });
  });

  it('says which variable has no value and what to do', () => {
    const text = yaml('  environment:\n    X: ${env:NOPE}\nfunctions:\n  f:\n    handler: handler.handler\n');
    expect(() => stackFromServerlessYaml(text, fixture, { env: {} })).toThrow(
      /\$\{env:NOPE\} has no value.*fallback/,
    );
  });

  it('names the handler module it could not find', () => {
    const text = yaml('functions:\n  f:\n    handler: nowhere/index.handler\n');
    expect(() => stackFromServerlessYaml(text, fixture, { env: {} })).toThrow(/nowhere\/index\{\.ts/);
  });

  it('evaluates !Sub with variables, !Join and !Ref in a custom role', () => {
    const text = yaml(
      [
        '  iam:',
        '    role: R',
        'functions:',
        '  f:',
        '    handler: handler.handler',
        'resources:',
        '  Resources:',
        '    T:',
        '      Type: AWS::DynamoDB::Table',
        '      Properties: { TableName: Things, KeySchema: [], AttributeDefinitions: [] }',
        '    R:',
        '      Type: AWS::IAM::Role',
        '      Properties:',
        '        Policies:',
        '          - PolicyDocument:',
        '              Statement:',
        '                - Effect: Allow',
        '                  Action: dynamodb:Query',
        '                  Resource:',
        '                    - !Sub ["${Arn}/index/*", { Arn: !GetAtt [T, Arn] }]',
        '                    - !Join [":", [!Ref AWS::Region, !Ref T]]',
      ].join('\n'),
    );
    const stack = stackFromServerlessYaml(text, fixture, { env: {} });
    expect(stack.role.name).toBe('R');
    expect([stack.role.policy.Statement].flat()[0]?.Resource).toEqual([
      'arn:aws:dynamodb:ap-northeast-2:123456789012:table/Things/index/*',
      'ap-northeast-2:Things',
    ]);
  });
});
