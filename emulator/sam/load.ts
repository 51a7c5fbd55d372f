/**
 * A SAM or CloudFormation template to the emulator's Stack, the same shape the serverless.yml
 * loader produces: its WebSocket API (raw ApiGatewayV2 resources), functions with their roles,
 * DynamoDB tables, parameters and conditions. Resources that mean nothing locally are accepted
 * silently; other unknown types get one line each and are skipped. docs/sam.md lists what is read.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { evaluateIntrinsics, type IntrinsicContext } from '../serverless/intrinsics.ts';
import { policyOf, tablesFrom } from '../serverless/resources.ts';
import { DEFAULTS, derivedApiId, type Stack } from '../stack.ts';
import { checkStack } from '../stack-check.ts';
import { FUNCTION_TYPES, functionFrom, functionName } from './functions.ts';
import {
  conditionValues,
  type Obj,
  obj,
  parameterValues,
  readTemplate,
  str,
  type Template,
} from './template.ts';
import { findWebSocketApi, webSocketApiFrom } from './websocket-api.ts';

export interface SamLoadOptions {
  /** `--parameter-overrides`, already split into Key → Value. */
  parameterOverrides?: Record<string, string>;
  /** Overrides the Stage resource's StageName. */
  stage?: string | undefined;
  region?: string | undefined;
  accountId?: string | undefined;
  apiId?: string | undefined;
  warn?: (line: string) => void;
}

/** Types the emulator reads. */
const READ = new Set([
  ...FUNCTION_TYPES,
  'AWS::DynamoDB::Table',
  'AWS::Serverless::SimpleTable',
  'AWS::IAM::Role',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::RouteResponse',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::Serverless::LayerVersion',
  'AWS::Lambda::LayerVersion',
]);

/** Types that change nothing a local run can observe: accepted without a word. */
const SILENT = new Set([
  'AWS::Lambda::Permission',
  'AWS::ApiGatewayV2::Deployment',
  'AWS::ApiGatewayV2::IntegrationResponse',
  'AWS::ApiGatewayV2::Model',
  'AWS::ApiGatewayV2::ApiMapping',
  'AWS::ApiGatewayV2::DomainName',
  'AWS::Logs::LogGroup',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::CloudFormation::WaitConditionHandle',
]);

export async function loadSamStack(file: string, opts: SamLoadOptions = {}): Promise<Stack> {
  return stackFromTemplate(await readTemplate(file), opts);
}

export function stackFromTemplate(template: Template, opts: SamLoadOptions = {}): Stack {
  const warn = opts.warn ?? (() => {});
  const region = opts.region ?? DEFAULTS.region;
  const accountId = opts.accountId ?? DEFAULTS.accountId;
  const apiId = opts.apiId ?? derivedApiId(template.name);
  const parameters = parameterValues(template, opts.parameterOverrides ?? {});
  const base: IntrinsicContext = {
    region,
    accountId,
    apiId,
    tables: {},
    refs: { ...parameters },
    attributes: {},
    stackName: template.name,
    file: template.file,
  };
  base.conditions = conditionValues(template, base);
  const resources = Object.fromEntries(
    Object.entries(obj(template.doc.Resources)).filter(([id, r]) => {
      const condition = str(obj(r).Condition);
      if (!condition) return true;
      const on = base.conditions?.[condition];
      if (on === undefined)
        throw new Error(`${template.file}: ${id} names condition ${condition}, which is not declared.`);
      return on;
    }),
  );
  for (const [id, r] of Object.entries(resources)) {
    const type = String(obj(r).Type);
    if (!READ.has(type) && !SILENT.has(type))
      warn(`${template.file}: ${id} (${type}) means nothing to the emulator; skipped.`);
    if (type === 'AWS::Serverless::Api' || type === 'AWS::Serverless::HttpApi') {
      warn(`${template.file}: ${id} is a REST/HTTP API; the emulator serves the WebSocket API only.`);
    }
  }

  for (const [id, r] of Object.entries(resources)) {
    if (obj(r).Type === 'AWS::Serverless::SimpleTable') resources[id] = simpleTable(obj(r));
  }
  const apiLogicalId = findWebSocketApi(template, resources, warn);
  const ctx = physicalIds(template, resources, base, apiLogicalId, warn);
  const api = webSocketApiFrom(
    template,
    resources,
    apiLogicalId,
    ctx,
    new Set(Object.values(obj(ctx.refs)).filter((v): v is string => typeof v === 'string')),
  );
  const functions = Object.entries(resources)
    .filter(([, r]) => FUNCTION_TYPES.has(String(obj(r).Type)))
    .map(([id, r]) => functionFrom(id, obj(r), { template, resources, ctx, warn }));
  const used = new Set([
    ...Object.values(api.routes).map((r) => r.function),
    api.connectAuthorizer?.function,
  ]);
  const running = functions.filter((fn) => used.has(fn.name));
  for (const fn of functions.filter((f) => !used.has(f.name))) {
    warn(`${template.file}: function ${fn.name} is on no route of the WebSocket API; it is not started.`);
  }
  const [first] = running;
  if (!first)
    throw new Error(`${template.file}: no route of the WebSocket API reaches a function; nothing to run.`);
  const tables = tablesFrom(
    Object.fromEntries(
      Object.entries(resources)
        .filter(([, r]) => obj(r).Type === 'AWS::DynamoDB::Table')
        // The physical name Ref gave everything else, also when the template names none.
        .map(([id, r]) => [
          id,
          {
            ...obj(r),
            Properties: {
              ...obj(evaluateIntrinsics(obj(obj(r).Properties), ctx)),
              TableName: ctx.tables[id],
            },
          },
        ]),
    ),
  );
  const stack: Stack = {
    name: template.name,
    stage: opts.stage ?? api.stage ?? DEFAULTS.stage,
    region,
    accountId,
    apiId,
    // Every SAM function has a role of its own; the stack's is the first one's.
    role: first.role ?? { name: `${template.name}-role`, policy: policyOf([]) },
    tables: tables.map((t) => t.input),
    functions: running,
    routes: api.routes,
    routeSelectionExpression: api.routeSelectionExpression,
    ...(api.autoDeploy ? { stageAutoDeploy: true } : {}),
    ...(api.connectAuthorizer ? { connectAuthorizer: api.connectAuthorizer } : {}),
  };
  checkStack(stack, template.file);
  return stack;
}

/**
 * What `Ref` and `Fn::GetAtt` give for each resource, before any resource is evaluated in full:
 * tables and functions by their names, roles by name and ARN, the API by its id, layers by their
 * folder, everything else an id of API Gateway's shape derived from the logical id.
 */
function physicalIds(
  template: Template,
  resources: Obj,
  base: IntrinsicContext,
  apiLogicalId: string,
  warn: (line: string) => void,
): IntrinsicContext {
  const refs: Record<string, unknown> = { ...base.refs };
  const attributes: Record<string, Record<string, string>> = {};
  const ctx: IntrinsicContext = { ...base, refs, attributes };
  for (const id of Object.keys(resources)) refs[id] = shortId(template.name, id);
  refs[apiLogicalId] = base.apiId;
  attributes[apiLogicalId] = {
    ApiId: base.apiId,
    ApiEndpoint: `wss://${base.apiId}.execute-api.${base.region}.amazonaws.com`,
  };
  // Tables first: functions' names and environments often name them.
  for (const [id, r] of Object.entries(resources)) {
    if (obj(r).Type !== 'AWS::DynamoDB::Table') continue;
    const name = evaluateIntrinsics(obj(obj(r).Properties).TableName, ctx);
    const table = typeof name === 'string' && name !== '' ? name : `${template.name}-${id}`;
    ctx.tables[id] = table;
    refs[id] = table;
    const arn = `arn:aws:dynamodb:${base.region}:${base.accountId}:table/${table}`;
    attributes[id] = { Arn: arn, StreamArn: `${arn}/stream/1970-01-01T00:00:00.000` };
  }
  for (const [id, r] of Object.entries(resources)) {
    const type = String(obj(r).Type);
    const p = obj(obj(r).Properties);
    if (type === 'AWS::IAM::Role') {
      const name = evaluateIntrinsics(p.RoleName, ctx);
      const role = typeof name === 'string' && name !== '' ? name : id;
      refs[id] = role;
      attributes[id] = {
        Arn: `arn:aws:iam::${base.accountId}:role/${role}`,
        RoleId: shortId(template.name, id).toUpperCase(),
      };
    } else if (FUNCTION_TYPES.has(type)) {
      const name = functionName(template, id, p, ctx);
      refs[id] = name;
      attributes[id] = { Arn: `arn:aws:lambda:${base.region}:${base.accountId}:function:${name}` };
    } else if (type === 'AWS::Serverless::LayerVersion') {
      const uri = evaluateIntrinsics(p.ContentUri, ctx);
      if (typeof uri !== 'string')
        warn(`${template.file}: ${id}: ContentUri is not a local folder; the layer is empty here.`);
      refs[id] = resolve(template.dir, typeof uri === 'string' ? uri : '.');
    } else if (type === 'AWS::Lambda::LayerVersion') {
      // A local Content folder (before `aws cloudformation package`) is the layer; else its ARN.
      const content = evaluateIntrinsics(p.Content, ctx);
      const layerName = evaluateIntrinsics(p.LayerName, ctx);
      refs[id] =
        typeof content === 'string'
          ? resolve(template.dir, content)
          : `arn:aws:lambda:${base.region}:${base.accountId}:layer:${typeof layerName === 'string' ? layerName : id}:1`;
    } else if (type === 'AWS::ApiGatewayV2::Stage') {
      refs[id] = String(evaluateIntrinsics(p.StageName, ctx));
    }
  }
  return ctx;
}

/**
 * `AWS::Serverless::SimpleTable` as the table SAM makes of it: one hash key (`PrimaryKey`, by
 * default `id` of type String), on demand unless `ProvisionedThroughput` says otherwise.
 */
function simpleTable(resource: Obj): Obj {
  const p = obj(resource.Properties);
  const key = obj(p.PrimaryKey);
  const name = str(key.Name) ?? 'id';
  const type =
    ({ String: 'S', Number: 'N', Binary: 'B' } as Record<string, string>)[str(key.Type) ?? 'String'] ?? 'S';
  return {
    ...resource,
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      ...(p.TableName === undefined ? {} : { TableName: p.TableName }),
      AttributeDefinitions: [{ AttributeName: name, AttributeType: type }],
      KeySchema: [{ AttributeName: name, KeyType: 'HASH' }],
      ...(p.ProvisionedThroughput
        ? { ProvisionedThroughput: p.ProvisionedThroughput }
        : { BillingMode: 'PAY_PER_REQUEST' }),
    },
  };
}

/** 7 lower-case letters and digits, stable for a logical id (API Gateway's integration and route ids look so). */
function shortId(stackName: string, logicalId: string): string {
  return createHash('sha256').update(`${stackName}/${logicalId}`).digest('hex').slice(0, 7);
}

export type { Template };
