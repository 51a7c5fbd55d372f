/**
 * Turns serverless.yml into the emulator's Stack, so the file that deploys to AWS is also what
 * `npm start` runs: functions, WebSocket routes, the execution role's policy and the DynamoDB
 * tables. A small YAML parse plus the few variables the file uses; osls itself is not loaded
 * (it takes a second and pulls in its plugins, the emulator starts in less).
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  type AuthorizerSpec,
  DEFAULTS,
  derivedApiId,
  type FunctionSpec,
  type RouteSpec,
  type Stack,
} from '../stack.ts';
import { checkStack } from '../stack-check.ts';
import { resolveHandler } from './handler.ts';
import { serviceRoles } from './iam-role.ts';
import type { IntrinsicContext } from './intrinsics.ts';
import { tablesFrom } from './resources.ts';
import { appSeeder, declaredSeederFile } from './seed.ts';
import { resolveVariable, resolveVariables } from './variables.ts';
import { parseServerlessYaml } from './yaml.ts';

export interface LoadOptions {
  /** Overrides provider.stage (like `--stage`). */
  stage?: string | undefined;
  /** Overrides provider.region (like `--region`). */
  region?: string | undefined;
  accountId?: string | undefined;
  /** Overrides custom.workbench.apiId. */
  apiId?: string | undefined;
  /** What ${env:…} reads; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Progress lines from the seeder. */
  log?: (line: string) => void;
  /** One line per thing the loader skipped or cannot reproduce (unknown managed policies…). */
  warn?: (line: string) => void;
}

type Obj = Record<string, unknown>;

/** osls's defaults when serverless.yml says nothing. */
const FRAMEWORK_DEFAULTS = { timeout: 6, memorySize: 1024 };
/** osls writes no TTL for websocket authorizers; the emulator reuses a decision this long. */
const AUTHORIZER_TTL_SECONDS = 300;

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
  const env = opts.env ?? process.env;
  // provider.stage and .region may themselves be variables (`\${opt:stage, 'beta'}`), resolved first.
  const options = { stage: opts.stage, region: opts.region };
  const early = { stage: DEFAULTS.stage, region: DEFAULTS.region, env, options };
  const stage = opts.stage ?? str(resolveVariable(raw, rawProvider.stage, early)) ?? DEFAULTS.stage;
  const region = opts.region ?? str(resolveVariable(raw, rawProvider.region, early)) ?? DEFAULTS.region;
  const config = resolveVariables(raw, { stage, region, env, options });
  const service = str(config.service);
  if (!service) throw new Error(`${file}: \`service:\` is missing.`);
  const provider = obj(config.provider);
  const custom = obj(config.custom);
  const resources = obj(obj(config.resources).Resources);
  const tables = tablesFrom(resources);
  const apiId = opts.apiId ?? str(obj(custom.workbench).apiId) ?? derivedApiId(service);
  const ctx: IntrinsicContext = {
    region,
    accountId: opts.accountId ?? DEFAULTS.accountId,
    apiId,
    tables: Object.fromEntries(
      tables.map(({ logicalId, input }) => [logicalId, input.TableName ?? logicalId]),
    ),
    stackName: `${service}-${stage}`,
    file,
  };
  const warn = opts.warn ?? (() => {});
  const functions: FunctionSpec[] = [];
  const definitions: Record<string, Obj & { name: string }> = {};
  const routes: Record<string, RouteSpec> = {};
  let connectAuthorizer: { key: string; declared: unknown } | undefined;
  for (const [key, value] of Object.entries(obj(config.functions))) {
    const definition = obj(value);
    const fn = functionFrom(key, definition, {
      service,
      stage,
      provider,
      serviceDir,
      file,
      layers: obj(config.layers),
    });
    functions.push(fn);
    definitions[key] = { ...definition, name: fn.name };
    const others = [
      ...new Set(
        (Array.isArray(definition.events) ? definition.events : [])
          .flatMap((event) => Object.keys(obj(event)))
          .filter((type) => type !== 'websocket'),
      ),
    ];
    if (others.length > 0) {
      warn(
        `${file}: functions.${key}: ${others.join(', ')} events are not served (the emulator runs the WebSocket API); skipped.`,
      );
    }
    for (const route of websocketRoutes(definition)) {
      if (routes[route.key]) throw new Error(`${file}: route ${route.key} is declared by two functions.`);
      routes[route.key] = { function: fn.name, ...(route.routeResponse ? { routeResponse: true } : {}) };
      if (route.authorizer !== undefined) {
        if (route.key !== '$connect') {
          throw new Error(
            `${file}: functions.${key}: an authorizer on route ${route.key}; WebSocket APIs authorize only $connect.`,
          );
        }
        connectAuthorizer = { key, declared: route.authorizer };
      }
    }
  }
  if (functions.length === 0) throw new Error(`${file}: no functions; the stack would have nothing to run.`);
  const roles = serviceRoles({
    service,
    stage,
    region,
    file,
    provider,
    resources,
    functions: definitions,
    ctx,
    warn,
  });
  for (const [key, role] of Object.entries(roles.functionRoles)) {
    const fn = functions.find((f) => f.name === definitions[key]?.name);
    if (fn) fn.role = role;
  }
  const seederFile = declaredSeederFile(config.custom, serviceDir, file);
  const seed = seederFile ? appSeeder(seederFile, opts.log) : undefined;
  const stack: Stack = {
    name: service,
    stage,
    region,
    accountId: ctx.accountId,
    apiId,
    role: roles.role,
    tables: tables.map((t) => t.input),
    functions,
    routes,
    routeSelectionExpression:
      str(provider.websocketsApiRouteSelectionExpression) ?? DEFAULTS.routeSelectionExpression,
    ...(connectAuthorizer
      ? { connectAuthorizer: authorizerFrom(connectAuthorizer.declared, definitions, file) }
      : {}),
    ...(seed ? { seed: seed.seed, prepareSeed: seed.prepare, seedFingerprint: seed.fingerprint } : {}),
  };
  checkStack(stack, file);
  return stack;
}

/**
 * `authorizer: fnKey`, `authorizer: { name, identitySource }` as osls reads them; the default
 * identity source is osls's, `route.request.header.Auth`.
 */
function authorizerFrom(
  declared: unknown,
  definitions: Record<string, Obj & { name: string }>,
  file: string,
): AuthorizerSpec {
  const spec = typeof declared === 'string' ? { name: declared } : obj(declared);
  const name = str(spec.name);
  if (str(spec.arn) || name?.startsWith('arn:')) {
    throw new Error(
      `${file}: the $connect authorizer is a function outside this service (${str(spec.arn) ?? name}); the emulator runs only this file's functions. Name one of them: authorizer: { name: <function key> }.`,
    );
  }
  const fn = name ? definitions[name] : undefined;
  if (!name || !fn) {
    throw new Error(
      `${file}: the $connect authorizer names ${JSON.stringify(name)}, which is not a function in functions: (${Object.keys(definitions).join(', ')}).`,
    );
  }
  const identitySource =
    spec.identitySource === undefined ? ['route.request.header.Auth'] : spec.identitySource;
  return {
    name,
    function: fn.name,
    identitySource: [identitySource].flat().map(String),
    resultTtlSeconds: num(spec.resultTtlInSeconds) ?? AUTHORIZER_TTL_SECONDS,
  };
}

function functionFrom(
  key: string,
  definition: Obj,
  ctx: { service: string; stage: string; provider: Obj; serviceDir: string; file: string; layers: Obj },
): FunctionSpec {
  const handler = str(definition.handler);
  if (!handler) throw new Error(`${ctx.file}: function ${key} has no handler.`);
  const runtime = str(definition.runtime) ?? str(ctx.provider.runtime);
  const { entry, exportName } = resolveHandler(
    ctx.serviceDir,
    handler,
    `${ctx.file}: function ${key}`,
    runtime,
  );
  const layers = layersFrom(key, definition.layers ?? ctx.provider.layers, ctx);
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
    ...(runtime ? { runtime } : {}),
    ...(layers.length > 0 ? { layers } : {}),
  };
}

/**
 * A function's `layers:` as folders. Each entry is `{Ref: <Name>LambdaLayer}` (the layers this
 * service declares under `layers:`, named as the framework names their CloudFormation resource);
 * a layer ARN names something published in an AWS account, which has no local copy.
 */
function layersFrom(
  key: string,
  value: unknown,
  ctx: { serviceDir: string; file: string; layers: Obj },
): string[] {
  const refs = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const byLogicalId = new Map(
    Object.entries(ctx.layers).map(([name, layer]) => [
      `${name.charAt(0).toUpperCase()}${name.slice(1).replaceAll('-', 'Dash').replaceAll('_', 'Underscore')}LambdaLayer`,
      str(obj(layer).path),
    ]),
  );
  return refs.map((ref) => {
    const logicalId = str(obj(ref).Ref);
    const path = logicalId ? byLogicalId.get(logicalId) : undefined;
    if (!path) {
      throw new Error(
        `${ctx.file}: function ${key} uses layer ${JSON.stringify(ref)}, which is not one of this service's \`layers:\` (${[...byLogicalId.keys()].join(', ') || 'none declared'}). A published layer's ARN has no local copy: declare the layer with a \`path:\` and refer to it as {Ref: <Name>LambdaLayer}.`,
      );
    }
    return resolve(ctx.serviceDir, path);
  });
}

function websocketRoutes(
  definition: Obj,
): Array<{ key: string; routeResponse: boolean; authorizer?: unknown }> {
  const events = Array.isArray(definition.events) ? definition.events : [];
  return events.flatMap((event) => {
    const ws = obj(event).websocket;
    if (typeof ws === 'string') return [{ key: ws, routeResponse: false }];
    const route = str(obj(ws).route);
    if (!route) return [];
    const authorizer = obj(ws).authorizer;
    return [
      {
        key: route,
        routeResponse: obj(ws).routeResponseSelectionExpression === '$default',
        ...(authorizer === undefined ? {} : { authorizer }),
      },
    ];
  });
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
