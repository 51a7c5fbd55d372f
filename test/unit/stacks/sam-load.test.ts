/**
 * The SAM/CloudFormation front end, one feature at a time: templates written into an os.tmpdir()
 * folder with their handler files, read by emulator/sam into the emulator's Stack.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../../emulator/iam/evaluate.ts';
import { stackFromTemplate } from '../../../emulator/sam/load.ts';
import { parseParameterOverrides, parseTemplate } from '../../../emulator/sam/template.ts';
import type { FunctionSpec, Stack } from '../../../emulator/stack.ts';

const dir = mkdtempSync(join(tmpdir(), 'sam-unit-'));
for (const folder of ['src', 'fn-b', 'layer']) mkdirSync(join(dir, folder), { recursive: true });
writeFileSync(join(dir, 'src', 'app.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
writeFileSync(join(dir, 'src', 'other.js'), 'exports.run = async () => ({ statusCode: 200 });\n');
writeFileSync(
  join(dir, 'fn-b', 'index.ts'),
  'export const lambdaHandler = async () => ({ statusCode: 200 });\n',
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const API = `
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: api
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Api, StageName: live }
  Permission:
    Type: AWS::Lambda::Permission
    Properties: { FunctionName: !Ref Fn, Action: lambda:InvokeFunction, Principal: apigateway.amazonaws.com }
  Deployment:
    Type: AWS::ApiGatewayV2::Deployment
    Properties: { ApiId: !Ref Api }`;

const route = (id: string, key: string, fn: string) => `
  ${id}Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: ${key}
      Target: !Join ['/', [integrations, !Ref ${id}Integration]]
  ${id}Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${fn}.Arn}/invocations`;

function load(
  body: string,
  opts: Parameters<typeof stackFromTemplate>[1] = {},
  name = 'template.yaml',
): Stack {
  const text = `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n${body}`;
  return stackFromTemplate(parseTemplate(text, join(dir, name)), opts);
}

const fn = (stack: Stack, suffix: string): FunctionSpec => {
  const found = stack.functions.find((f) => f.name.endsWith(suffix));
  if (!found) throw new Error(`no function ${suffix} in ${stack.functions.map((f) => f.name).join(', ')}`);
  return found;
};

const allows = (f: FunctionSpec, action: string, resource: string) =>
  evaluate([f.role?.policy ?? { Version: '2012-10-17', Statement: [] }], action, resource).reason === 'allow';

const MINIMAL = `Resources:${API}${route('Default', '$default', 'Fn')}
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/, Handler: app.handler, Runtime: nodejs20.x }
`;

describe('SAM template → Stack', () => {
  it('reads functions: CodeUri + Handler (any module kind), Runtime, Timeout, MemorySize, Environment, defaults', () => {
    const stack = load(`Resources:${API}${route('A', '$default', 'A')}${route('B', 'b', 'B')}
  A:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: other.run
      Runtime: nodejs22.x
      Timeout: 30
      MemorySize: 512
      Environment: { Variables: { TABLE: t, COUNT: 3 } }
  B:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: named-b
      Code: fn-b
      Handler: index.lambdaHandler
      Runtime: nodejs20.x
      Role: !GetAtt BRole.Arn
  BRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
`);
    expect(fn(stack, '-A')).toMatchObject({
      entry: join(dir, 'src', 'other.js'),
      handler: 'run',
      runtime: 'nodejs22.x',
      timeoutSeconds: 30,
      memoryMB: 512,
      environment: { TABLE: 't', COUNT: '3' },
    });
    expect(fn(stack, 'named-b')).toMatchObject({
      entry: join(dir, 'fn-b', 'index.ts'),
      handler: 'lambdaHandler',
      timeoutSeconds: 3,
      memoryMB: 128,
      role: { name: 'BRole' },
    });
    expect(stack.routes).toEqual({
      $default: { function: fn(stack, '-A').name },
      b: { function: 'named-b' },
    });
    expect(stack.stage).toBe('live');
  });

  it('merges Globals.Function: the function overrides, maps merge, lists append', () => {
    const stack = load(`Globals:
  Function:
    Runtime: nodejs20.x
    Timeout: 20
    Environment: { Variables: { SHARED: s, OVER: global } }
    Layers: [arn:aws:lambda:ap-northeast-2:123456789012:layer:base:1]
Resources:${API}${route('Default', '$default', 'Fn')}
  Layer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layer/ }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Timeout: 5
      Environment: { Variables: { OVER: mine } }
      Layers: [!Ref Layer]
`);
    expect(stack.functions[0]).toMatchObject({
      runtime: 'nodejs20.x',
      timeoutSeconds: 5,
      environment: { SHARED: 's', OVER: 'mine' },
      layers: ['arn:aws:lambda:ap-northeast-2:123456789012:layer:base:1', join(dir, 'layer')],
    });
  });

  it('takes Parameters from defaults and --parameter-overrides, and refuses unknown or missing ones', () => {
    const body = `Parameters:
  Table: { Type: String, Default: first }
  Env: { Type: String, AllowedValues: [dev, prod], Default: dev }
Resources:${API}${route('Default', '$default', 'Fn')}
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub "\${Table}-\${Env}"
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      BillingMode: PAY_PER_REQUEST
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Environment: { Variables: { TABLE: !Ref T } }
`;
    expect(load(body).tables.map((t) => t.TableName)).toEqual(['first-dev']);
    const overridden = load(body, {
      parameterOverrides: parseParameterOverrides(['Table=second', 'ParameterKey=Env,ParameterValue=prod']),
    });
    expect(overridden.tables.map((t) => t.TableName)).toEqual(['second-prod']);
    expect(overridden.functions[0]?.environment).toEqual({ TABLE: 'second-prod' });
    expect(() => load(body, { parameterOverrides: { Nope: 'x' } })).toThrow(
      /Nope, which is not in Parameters \(Table, Env\)/,
    );
    expect(() => load(body, { parameterOverrides: { Env: 'qa' } })).toThrow(/Env is qa; allowed: dev, prod/);
    expect(() => load(body.replace('Default: first', 'Description: none'))).toThrow(
      /Table has no Default; pass --parameter-overrides Table=VALUE/,
    );
  });

  it('evaluates simple Conditions, Fn::If, Select, Split and AWS::NoValue, in short and long forms', () => {
    const stack = load(`Parameters:
  Env: { Type: String, Default: prod }
  Names: { Type: CommaDelimitedList, Default: "a,b,c" }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: { "Fn::Not": [{ Condition: IsProd }] }
Resources:${API}${route('Default', '$default', 'Fn')}
  DevOnly:
    Type: AWS::DynamoDB::Table
    Condition: IsDev
    Properties: { TableName: dev-only, KeySchema: [], AttributeDefinitions: [] }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      MemorySize: !If [IsProd, 1024, 128]
      Environment:
        Variables:
          SECOND: !Select [1, !Ref Names]
          HOST: { "Fn::Select": [0, { "Fn::Split": [":", "db.local:5432"] }] }
          DEBUG: !If [IsDev, "1", !Ref AWS::NoValue]
          JOINED: !Join ["-", [!Ref AWS::Region, !Ref AWS::AccountId]]
`);
    expect(stack.tables).toEqual([]);
    expect(stack.functions[0]).toMatchObject({
      memoryMB: 1024,
      environment: { SECOND: 'b', HOST: 'db.local', JOINED: 'ap-northeast-2-123456789012' },
    });
    expect(stack.functions[0]?.environment).not.toHaveProperty('DEBUG');
  });

  it('gives SAM functions their implicit role: logs, policy templates, managed policies and inline statements', () => {
    const warnings: string[] = [];
    const stack = load(
      `Resources:${API}${route('Default', '$default', 'Fn')}
  Things:
    Type: AWS::DynamoDB::Table
    Properties: { TableName: things, KeySchema: [], AttributeDefinitions: [] }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Policies:
        - DynamoDBReadPolicy: { TableName: !Ref Things }
        - DynamoDBWritePolicy: { TableName: other }
        - AmazonAPIGatewayInvokeFullAccess
        - arn:aws:iam::aws:policy/SomethingUnknown
        - Statement:
            - Effect: Deny
              Action: dynamodb:Scan
              Resource: !GetAtt Things.Arn
`,
      { warn: (line) => warnings.push(line) },
    );
    const f = stack.functions[0] as FunctionSpec;
    const things = 'arn:aws:dynamodb:ap-northeast-2:123456789012:table/things';
    expect(f.role?.name).toBe(`${stack.name}-FnRole`);
    expect(
      allows(
        f,
        'logs:PutLogEvents',
        'arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/x:log-stream:y',
      ),
    ).toBe(true);
    expect(allows(f, 'dynamodb:GetItem', things)).toBe(true);
    expect(allows(f, 'dynamodb:Query', `${things}/index/by-owner`)).toBe(true);
    expect(allows(f, 'dynamodb:PutItem', things)).toBe(false);
    expect(allows(f, 'dynamodb:Scan', things)).toBe(false);
    expect(
      allows(f, 'dynamodb:BatchWriteItem', 'arn:aws:dynamodb:ap-northeast-2:123456789012:table/other'),
    ).toBe(true);
    expect(
      allows(
        f,
        'execute-api:ManageConnections',
        'arn:aws:execute-api:ap-northeast-2:123456789012:abc/dev/POST/@connections/x',
      ),
    ).toBe(true);
    expect(warnings.join('\n')).toMatch(
      /SomethingUnknown is not in the emulator's table.*allows nothing here/,
    );
  });

  it('reads an Authorizer and its route, and the route responses', () => {
    const stack = load(
      `Resources:${API}${route('Connect', '$connect', 'Fn')}${route('Ask', 'ask', 'Fn')}
  ConnectRoute2:
    Type: AWS::ApiGatewayV2::RouteResponse
    Properties: { ApiId: !Ref Api, RouteId: !Ref AskRoute, RouteResponseKey: $default }
  Auth:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref Api
      Name: token-check
      AuthorizerType: REQUEST
      AuthorizerUri: !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${AuthFn.Arn}/invocations
      IdentitySource: [route.request.querystring.token]
      AuthorizerResultTtlInSeconds: 60
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/, Handler: app.handler }
  AuthFn:
    Type: AWS::Serverless::Function
    Properties: { FunctionName: auth-fn, CodeUri: src/, Handler: app.handler }
`.replace(
        'RouteKey: $connect\n',
        'RouteKey: $connect\n      AuthorizationType: CUSTOM\n      AuthorizerId: !Ref Auth\n',
      ),
    );
    expect(stack.connectAuthorizer).toEqual({
      name: 'token-check',
      function: 'auth-fn',
      identitySource: ['route.request.querystring.token'],
      resultTtlSeconds: 60,
    });
    expect(stack.routes.ask).toMatchObject({ routeResponse: true });
    expect(stack.routes.$connect).not.toHaveProperty('routeResponse');
    expect(stack.functions.map((f) => f.name)).toContain('auth-fn');
  });

  it('derives a stable API id from the template folder, and takes StageName and --region', () => {
    const a = load(MINIMAL);
    const b = load(MINIMAL);
    expect(a.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(a.apiId).toBe(b.apiId);
    expect(a.name).toBe(dir.split('/').pop());
    expect(load(MINIMAL, {}, 'chat-api.yaml')).toMatchObject({ name: 'chat-api' });
    expect(load(MINIMAL, {}, 'chat-api.yaml').apiId).not.toBe(a.apiId);
    expect(load(MINIMAL, { region: 'us-east-1', stage: 'prod' })).toMatchObject({
      region: 'us-east-1',
      stage: 'prod',
    });
  });

  it("takes the Stage's AutoDeploy: route changes then go live without a Deployment", () => {
    expect(load(MINIMAL).stageAutoDeploy).toBeUndefined();
    const auto = MINIMAL.replace('StageName: live }', 'StageName: live, AutoDeploy: true }');
    expect(auto).not.toBe(MINIMAL);
    expect(load(auto).stageAutoDeploy).toBe(true);
  });

  it('accepts local-only resources silently and names each unknown one in one line', () => {
    const warnings: string[] = [];
    load(`${MINIMAL}  Queue:\n    Type: AWS::SQS::Queue\n  Bucket:\n    Type: AWS::S3::Bucket\n`, {
      warn: (l) => warnings.push(l),
    });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/Queue \(AWS::SQS::Queue\) means nothing to the emulator; skipped/);
  });

  it('refuses what cannot run, naming the file, the resource and what is supported', () => {
    expect(() => load(MINIMAL.replace('$request.body.action', '$context.routeKey'))).toThrow(
      /template\.yaml: unsupported routeSelectionExpression.*\\\$default/,
    );
    expect(() => load(MINIMAL.replace('WEBSOCKET', 'HTTP'))).toThrow(
      /no AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET/,
    );
    expect(() => load(MINIMAL.replace('IntegrationType: AWS_PROXY', 'IntegrationType: MOCK'))).toThrow(
      /DefaultIntegration: IntegrationType MOCK; the emulator supports AWS_PROXY/,
    );
    expect(() => load(MINIMAL.replace('CodeUri: src/', 'CodeUri: { Bucket: b, Key: k }'))).toThrow(
      /Fn: CodeUri \{Bucket, Key\} is not a local folder/,
    );
    expect(() => load(MINIMAL.replace('Handler: app.handler', 'Handler: missing.handler'))).toThrow(
      /Fn: handler missing\.handler names no module/,
    );
    expect(() =>
      load(
        MINIMAL.replace('!Ref Fn, Action', '!GetAtt Fn.Nope, Action').replace(
          'Properties: { CodeUri: src/, Handler: app.handler, Runtime: nodejs20.x }',
          'Properties: { CodeUri: src/, Handler: app.handler, Description: !GetAtt Api.Nope }',
        ),
      ),
    ).toThrow(/Fn::GetAtt Api\.Nope is not supported/);
    expect(() =>
      load(
        `${MINIMAL}  Other:\n    Type: AWS::Serverless::Function\n    Properties: { CodeUri: src/, Handler: app.handler, Policies: [NoSuchPolicy: {}] }\n`,
      ),
    ).toThrow(/NoSuchPolicy is not a SAM policy template the emulator knows \(DynamoDBCrudPolicy/);
  });

  it('makes a table of AWS::Serverless::SimpleTable, and names Events it does not serve', () => {
    const warnings: string[] = [];
    const stack = load(
      `Resources:${API}${route('Default', '$default', 'Fn')}
  Plain:
    Type: AWS::Serverless::SimpleTable
  Keyed:
    Type: AWS::Serverless::SimpleTable
    Properties: { TableName: keyed, PrimaryKey: { Name: pk, Type: Number } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Environment: { Variables: { PLAIN: !Ref Plain } }
      Events:
        Hello: { Type: Api, Properties: { Path: /hello, Method: get } }
`,
      { warn: (l) => warnings.push(l) },
    );
    expect(stack.tables).toEqual([
      {
        TableName: `${stack.name}-Plain`,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
      {
        TableName: 'keyed',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'N' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    ]);
    expect(stack.functions[0]?.environment).toEqual({ PLAIN: `${stack.name}-Plain` });
    expect(warnings).toEqual([expect.stringMatching(/Fn: Api events are not served/)]);
  });

  it('reads the same template as JSON', () => {
    const json = JSON.stringify({
      Resources: {
        Api: {
          Type: 'AWS::ApiGatewayV2::Api',
          Properties: { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '\\$default' },
        },
        R: {
          Type: 'AWS::ApiGatewayV2::Route',
          Properties: {
            ApiId: { Ref: 'Api' },
            RouteKey: '$default',
            Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'I' }]] },
          },
        },
        I: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: {
            ApiId: { Ref: 'Api' },
            IntegrationType: 'AWS_PROXY',
            IntegrationUri: {
              'Fn::Sub':
                'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${F.Arn}/invocations',
            },
          },
        },
        F: { Type: 'AWS::Serverless::Function', Properties: { CodeUri: 'src', Handler: 'app.handler' } },
      },
    });
    const stack = stackFromTemplate(parseTemplate(json, join(dir, 'template.json')));
    expect(stack.routeSelectionExpression).toBe('\\$default');
    expect(Object.keys(stack.routes)).toEqual(['$default']);
  });
});
