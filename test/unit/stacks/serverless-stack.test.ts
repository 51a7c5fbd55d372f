/**
 * serverless.yml shapes the loader reads as osls deploys them: the framework role (its logs
 * statements, `iam.role.statements`, the older `iamRoleStatements`, managed policies), roles
 * named in resources, `$connect` authorizers, stage/region/API id, and custom.workbench.seed.
 * test/integration/serverless/iam-package.test.ts compares the role with `osls package` itself.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../../emulator/iam/evaluate.ts';
import { type LoadOptions, stackFromServerlessYaml } from '../../../emulator/serverless/load.ts';
import type { RoleSpec, Stack } from '../../../emulator/stack.ts';

const dir = mkdtempSync(join(tmpdir(), 'sls-unit-'));
mkdirSync(join(dir, 'src'));
writeFileSync(join(dir, 'src', 'h.js'), 'exports.handler = async () => ({ statusCode: 200 });\n');
writeFileSync(join(dir, 'seed.mjs'), 'export async function seedApp() {}\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FUNCTIONS = `functions:
  connect:
    handler: src/h.handler
    events:
      - websocket: $connect
  custom:
    name: my-custom-name
    handler: src/h.handler
    events:
      - websocket: $default
`;

function load(yaml: string, opts: LoadOptions = {}): Stack {
  return stackFromServerlessYaml(yaml, dir, { env: {}, ...opts }, join(dir, 'serverless.yml'));
}

const decision = (role: RoleSpec, action: string, resource: string) =>
  evaluate([role.policy], action, resource).reason;
const LOG_STREAM = (group: string) =>
  `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/${group}:log-stream:2024/01/01/[$LATEST]abc`;

describe('serverless.yml roles as osls deploys them', () => {
  it('provider.iam.role.statements and managedPolicies, plus the logs and ManageConnections statements osls adds', () => {
    const warnings: string[] = [];
    const stack = load(
      `service: shop
provider:
  name: aws
  stage: qa
  region: eu-west-1
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: !GetAtt Orders.Arn
      managedPolicies:
        - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
        - arn:aws:iam::aws:policy/NotARealPolicy
${FUNCTIONS}
resources:
  Resources:
    Orders:
      Type: AWS::DynamoDB::Table
      Properties: { TableName: orders, KeySchema: [], AttributeDefinitions: [] }
`,
      { warn: (line) => warnings.push(line) },
    );
    const role = stack.role;
    expect(role.name).toBe('shop-qa-eu-west-1-lambdaRole');
    // Canonical names share the service-stage wildcard; a custom name gets its own group ARN.
    expect(decision(role, 'logs:PutLogEvents', LOG_STREAM('shop-qa-connect'))).toBe('allow');
    expect(decision(role, 'logs:PutLogEvents', LOG_STREAM('my-custom-name'))).toBe('allow');
    expect(decision(role, 'logs:PutLogEvents', LOG_STREAM('someone-else'))).toBe('implicit-deny');
    expect(
      decision(
        role,
        'logs:CreateLogStream',
        'arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/shop-qa-connect:log-stream:x',
      ),
    ).toBe('allow');
    expect(decision(role, 'dynamodb:GetItem', 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders')).toBe(
      'allow',
    );
    // AmazonDynamoDBReadOnlyAccess: reads anywhere, no writes.
    expect(decision(role, 'dynamodb:Scan', 'arn:aws:dynamodb:eu-west-1:123456789012:table/any')).toBe(
      'allow',
    );
    expect(decision(role, 'dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders')).toBe(
      'implicit-deny',
    );
    expect(
      decision(
        role,
        'execute-api:ManageConnections',
        `arn:aws:execute-api:eu-west-1:123456789012:${stack.apiId}/qa/POST/@connections/x`,
      ),
    ).toBe('allow');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/NotARealPolicy is not in the emulator's table.*allows nothing here/);
  });

  it('the older provider.iamRoleStatements and iamManagedPolicies', () => {
    const stack = load(`service: old
provider:
  name: aws
  iamRoleStatements:
    - Effect: Allow
      Action: [dynamodb:PutItem]
      Resource: "arn:aws:dynamodb:*:*:table/legacy"
  iamManagedPolicies:
    - arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole
${FUNCTIONS}`);
    expect(
      decision(stack.role, 'dynamodb:PutItem', 'arn:aws:dynamodb:ap-northeast-2:123456789012:table/legacy'),
    ).toBe('allow');
    expect(
      decision(
        stack.role,
        'dynamodb:GetRecords',
        'arn:aws:dynamodb:ap-northeast-2:123456789012:table/legacy/stream/x',
      ),
    ).toBe('allow');
    expect(stack.role.name).toBe('old-dev-ap-northeast-2-lambdaRole');
  });

  it('a role named in resources for the provider or one function; an existing role ARN warns', () => {
    const warnings: string[] = [];
    const stack = load(
      `service: roles
provider:
  name: aws
  iam:
    role: arn:aws:iam::123456789012:role/existing
functions:
  a:
    handler: src/h.handler
    role: OwnRole
    events: [{ websocket: $default }]
resources:
  Resources:
    OwnRole:
      Type: AWS::IAM::Role
      Properties:
        RoleName: own-role
        ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]
        Policies:
          - PolicyName: p
            PolicyDocument:
              Statement: [{ Effect: Allow, Action: "dynamodb:*", Resource: "*" }]
`,
      { warn: (line) => warnings.push(line) },
    );
    expect(stack.functions[0]?.role?.name).toBe('own-role');
    expect(
      decision(stack.functions[0]?.role as RoleSpec, 'logs:CreateLogGroup', 'arn:aws:logs:x:y:log-group:z'),
    ).toBe('allow');
    expect(
      decision(stack.functions[0]?.role as RoleSpec, 'dynamodb:Query', 'arn:aws:dynamodb:x:y:table/t'),
    ).toBe('allow');
    expect(stack.role.name).toBe('existing');
    expect(decision(stack.role, 'dynamodb:Query', 'arn:aws:dynamodb:x:y:table/t')).toBe('implicit-deny');
    expect(warnings.join('\n')).toMatch(/existing role .* allows nothing here\. Start with --policy FILE/);
  });
});

describe('serverless.yml: authorizers, stage, API id, seed', () => {
  const withAuthorizer = (authorizer: string, route = '$connect') => `service: authz
provider: { name: aws }
functions:
  auth:
    handler: src/h.handler
  connect:
    handler: src/h.handler
    events:
      - websocket:
          route: ${route}
          authorizer: ${authorizer}
`;

  it('reads authorizer: name (osls default identity source) and { name, identitySource }', () => {
    expect(load(withAuthorizer('auth')).connectAuthorizer).toEqual({
      name: 'auth',
      function: 'authz-dev-auth',
      identitySource: ['route.request.header.Auth'],
      resultTtlSeconds: 300,
    });
    const full = load(
      withAuthorizer(
        '{ name: auth, identitySource: [route.request.header.Auth, route.request.querystring.token] }',
      ),
    );
    expect(full.connectAuthorizer?.identitySource).toEqual([
      'route.request.header.Auth',
      'route.request.querystring.token',
    ]);
  });

  it('refuses authorizers that cannot run, before anything starts', () => {
    expect(() => load(withAuthorizer('nobody'))).toThrow(
      /names "nobody", which is not a function in functions: \(auth, connect\)/,
    );
    expect(() => load(withAuthorizer('arn:aws:lambda:eu-west-1:1:function:x'))).toThrow(
      /outside this service/,
    );
    expect(() => load(withAuthorizer('auth', 'ask'))).toThrow(
      /authorizer on route ask; WebSocket APIs authorize only \$connect/,
    );
    expect(() => load(withAuthorizer('{ name: auth, identitySource: [context.user] }'))).toThrow(
      /identity source "context.user" is not supported; use route\.request\.header/,
    );
  });

  it('stage and region from the file (variables with fallbacks), overridden by --stage/--region', () => {
    const text = `service: staged
provider:
  name: aws
  stage: \${opt:stage, 'beta'}
  region: \${opt:region, 'eu-central-1'}
  environment: { WHERE: "\${sls:stage}@\${aws:region}" }
${FUNCTIONS}`;
    const stack = load(text);
    expect(stack).toMatchObject({ stage: 'beta', region: 'eu-central-1' });
    expect(stack.functions[0]?.environment).toEqual({ WHERE: 'beta@eu-central-1' });
    expect(load(text, { stage: 'prod', region: 'us-east-1' }).functions[0]?.environment).toEqual({
      WHERE: 'prod@us-east-1',
    });
  });

  it('names events other than websocket in one line per function', () => {
    const warnings: string[] = [];
    load(
      `service: mixed\nprovider: { name: aws }\nfunctions:\n  f:\n    handler: src/h.handler\n    events:\n      - websocket: $default\n      - http: GET /x\n      - sqs: arn:aws:sqs:x\n`,
      { warn: (l) => warnings.push(l) },
    );
    expect(warnings).toEqual([expect.stringMatching(/functions\.f: http, sqs events are not served/)]);
  });

  it('the API id: custom.workbench.apiId, else a stable one from the service name', () => {
    const base = `provider: { name: aws }\n${FUNCTIONS}`;
    expect(load(`service: a\ncustom: { workbench: { apiId: chosung001 } }\n${base}`).apiId).toBe(
      'chosung001',
    );
    const derived = load(`service: a\n${base}`).apiId;
    expect(derived).toMatch(/^[a-z0-9]{10}$/);
    expect(load(`service: a\n${base}`).apiId).toBe(derived);
    expect(load(`service: b\n${base}`).apiId).not.toBe(derived);
    expect(() => load(`service: a\ncustom: { workbench: { apiId: NotAnId } }\n${base}`)).toThrow(
      /API id "NotAnId" is not 10 lower-case/,
    );
  });

  it('seeds with the module custom.workbench.seed names, and with nothing when none is declared', () => {
    const base = `provider: { name: aws }\n${FUNCTIONS}`;
    expect(load(`service: s\ncustom: { workbench: { seed: seed.mjs } }\n${base}`).seed).toBeTypeOf(
      'function',
    );
    expect(load(`service: s\n${base}`).seed).toBeUndefined();
    expect(() => load(`service: s\ncustom: { workbench: { seed: nope.mjs } }\n${base}`)).toThrow(
      /custom\.workbench\.seed names nope\.mjs, which is not a file/,
    );
  });

  it('checks the route selection expression before anything starts, and accepts \\$default', () => {
    const text = (expression: string) =>
      `service: r\nprovider:\n  name: aws\n  websocketsApiRouteSelectionExpression: "${expression}"\n${FUNCTIONS}`;
    expect(load(text('\\\\$default')).routeSelectionExpression).toBe('\\$default');
    expect(() => load(text('$request.header.x'))).toThrow(
      /serverless\.yml: unsupported routeSelectionExpression/,
    );
  });
});
