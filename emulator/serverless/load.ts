/**
 * Turns serverless.yml into the emulator's Stack, so the file that deploys to AWS is also what
 * `npm start` runs: functions, WebSocket routes, the execution role's policy and the DynamoDB
 * tables. A small YAML parse plus the few variables the file uses; osls itself is not loaded
 * (it takes a second and pulls in its plugins, the emulator starts in less).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import {
  DEFAULTS,
  type FunctionSpec,
  type PolicyDocument,
  type RoleSpec,
  type RouteSpec,
  type Stack,
} from '../stack.ts';
import { evaluateIntrinsics, type IntrinsicContext } from './intrinsics.ts';
import { appSeeder } from './seed.ts';
import { resolveVariables } from './variables.ts';
import { parseServerlessYaml } from './yaml.ts';

export interface LoadOptions {
  /** Overrides provider.stage (like `--stage`). */
  stage?: string;
  /** Overrides provider.region (like `--region`). */
  region?: string;
  accountId?: string;
  apiId?: string;
  /** What ${env:…} reads; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Progress lines from the seeder. */
  log?: (line: string) => void;
}

type Obj = Record<string, unknown>;

const HANDLER_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];
/** osls's defaults when serverless.yml says nothing. */
const FRAMEWORK_DEFAULTS = { timeout: 6, memorySize: 1024 };

export async function loadServerlessStack(file = 'serverless.yml', opts: LoadOptions = {}): Promise<Stack> {
  const path = resolve(file);
  const text = await readFile(path, 'utf8').catch((error: Error) => {
    throw new Error(
      `cannot read ${path}: ${error.message}. Run from the repository root or pass the file's path.`,
    );
  });
  return stackFromServerlessYaml(text, dirname(path), opts, path);
}

/** The same as loadServerlessStack, for text already in memory; serviceDir anchors handler paths. */
export function stackFromServerlessYaml(
  text: string,
  serviceDir: string,
  opts: LoadOptions = {},
  file = 'serverless.yml',
): Stack {
  const raw = parseServerlessYaml(text, file);
  const rawProvider = obj(raw.provider);
  const stage = opts.stage ?? str(rawProvider.stage) ?? DEFAULTS.stage;
  const region = opts.region ?? str(rawProvider.region) ?? DEFAULTS.region;
  const config = resolveVariables(raw, { stage, region, env: opts.env ?? process.env });
  const service = str(config.service);
  if (!service) throw new Error(`${file}: \`service:\` is missing.`);
  const provider = obj(config.provider);
  const resources = obj(obj(config.resources).Resources);
  const tables = tablesFrom(resources);
  const ctx: IntrinsicContext = {
    region,
    accountId: opts.accountId ?? DEFAULTS.accountId,
    apiId: opts.apiId ?? DEFAULTS.apiId,
    tables: Object.fromEntries(
      tables.map(({ logicalId, input }) => [logicalId, input.TableName ?? logicalId]),
    ),
  };
  const functions: FunctionSpec[] = [];
  const routes: Record<string, RouteSpec> = {};
  for (const [key, definition] of Object.entries(obj(config.functions))) {
    const fn = functionFrom(key, obj(definition), { service, stage, provider, serviceDir, file });
    functions.push(fn);
    for (const route of websocketRoutes(obj(definition))) {
      if (routes[route.key]) throw new Error(`${file}: route ${route.key} is declared by two functions.`);
      routes[route.key] = { function: fn.name, ...(route.routeResponse ? { routeResponse: true } : {}) };
    }
  }
  if (functions.length === 0) throw new Error(`${file}: no functions; the stack would have nothing to run.`);
  const seed = appSeeder(serviceDir, opts.log);
  return {
    name: service,
    stage,
    region,
    accountId: ctx.accountId,
    apiId: ctx.apiId,
    role: roleFrom(provider, resources, ctx, { service, stage, region, file }),
    tables: tables.map((t) => t.input),
    functions,
    routes,
    routeSelectionExpression:
      str(provider.websocketsApiRouteSelectionExpression) ?? DEFAULTS.routeSelectionExpression,
    ...(seed ? { seed: seed.seed, prepareSeed: seed.prepare } : {}),
  };
}

function functionFrom(
  key: string,
  definition: Obj,
  ctx: { service: string; stage: string; provider: Obj; serviceDir: string; file: string },
): FunctionSpec {
  const handler = str(definition.handler);
  if (!handler) throw new Error(`${ctx.file}: function ${key} has no handler.`);
  const dot = handler.lastIndexOf('.');
  const modulePath = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const entry = HANDLER_EXTENSIONS.map((ext) => resolve(ctx.serviceDir, modulePath + ext)).find((p) =>
    existsSync(p),
  );
  if (dot < 0 || !entry) {
    throw new Error(
      `${ctx.file}: function ${key}'s handler ${handler} names no module (looked for ${modulePath}{${HANDLER_EXTENSIONS.join(',')}} in ${ctx.serviceDir}).`,
    );
  }
  const environment = Object.fromEntries(
    Object.entries({ ...obj(ctx.provider.environment), ...obj(definition.environment) })
      // An empty value is how serverless.yml says "not set here" (MANAGEMENT_ENDPOINT on AWS).
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  return {
    name: str(definition.name) ?? `${ctx.service}-${ctx.stage}-${key}`,
    entry,
    codeRoot: ctx.serviceDir,
    handler: exportName,
    timeoutSeconds: num(definition.timeout) ?? num(ctx.provider.timeout) ?? FRAMEWORK_DEFAULTS.timeout,
    memoryMB: num(definition.memorySize) ?? num(ctx.provider.memorySize) ?? FRAMEWORK_DEFAULTS.memorySize,
    environment,
  };
}

function websocketRoutes(definition: Obj): Array<{ key: string; routeResponse: boolean }> {
  const events = Array.isArray(definition.events) ? definition.events : [];
  return events.flatMap((event) => {
    const ws = obj(event).websocket;
    if (typeof ws === 'string') return [{ key: ws, routeResponse: false }];
    const route = str(obj(ws).route);
    if (!route) return [];
    return [{ key: route, routeResponse: obj(ws).routeResponseSelectionExpression === '$default' }];
  });
}

function tablesFrom(resources: Obj): Array<{ logicalId: string; input: CreateTableCommandInput }> {
  return Object.entries(resources)
    .filter(([, r]) => obj(r).Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, r]) => ({ logicalId, input: createTableInput(logicalId, obj(obj(r).Properties)) }));
}

/** CloudFormation's table properties that CreateTable also takes; the rest (TTL, PITR…) are CloudFormation's. */
function createTableInput(logicalId: string, p: Obj): CreateTableCommandInput {
  const input: Obj = { TableName: str(p.TableName) ?? logicalId };
  for (const key of [
    'AttributeDefinitions',
    'KeySchema',
    'GlobalSecondaryIndexes',
    'LocalSecondaryIndexes',
    'BillingMode',
    'ProvisionedThroughput',
    'Tags',
  ]) {
    if (p[key] !== undefined) input[key] = p[key];
  }
  const stream = obj(p.StreamSpecification);
  if (stream.StreamViewType)
    input.StreamSpecification = { StreamEnabled: true, StreamViewType: stream.StreamViewType };
  return input as unknown as CreateTableCommandInput;
}

function roleFrom(
  provider: Obj,
  resources: Obj,
  ctx: IntrinsicContext,
  where: { service: string; stage: string; region: string; file: string },
): RoleSpec {
  const iamRole = obj(provider.iam).role;
  if (typeof iamRole === 'string') {
    const resource = obj(resources[iamRole]);
    if (resource.Type !== 'AWS::IAM::Role') {
      throw new Error(
        `${where.file}: provider.iam.role names ${iamRole}, which is not an AWS::IAM::Role in resources.`,
      );
    }
    const properties = obj(resource.Properties);
    const statements = (Array.isArray(properties.Policies) ? properties.Policies : []).flatMap((policy) =>
      statementList(obj(obj(policy).PolicyDocument).Statement),
    );
    return {
      name: str(properties.RoleName) ?? iamRole,
      policy: evaluateIntrinsics({ Version: '2012-10-17', Statement: statements }, ctx) as PolicyDocument,
    };
  }
  // The framework's own role: osls names it so and adds its log statements to the user's.
  const statements = statementList(obj(iamRole).statements ?? obj(provider.iam).statements);
  return {
    name: `${where.service}-${where.stage}-${where.region}-lambdaRole`,
    policy: evaluateIntrinsics({ Version: '2012-10-17', Statement: statements }, ctx) as PolicyDocument,
  };
}

function statementList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value ? [value] : [];
}

function obj(value: unknown): Obj {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
