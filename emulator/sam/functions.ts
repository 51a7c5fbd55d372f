/**
 * `AWS::Serverless::Function` (with `Globals.Function`) and `AWS::Lambda::Function` to the
 * emulator's functions, each with the role it runs as: its `Role`, or the role SAM makes for it
 * (AWSLambdaBasicExecutionRole plus its `Policies`), as the SAM specification describes
 * (sam-resource-function.html).
 */
import { resolve } from 'node:path';
import { resolveHandler } from '../serverless/handler.ts';
import { evaluateIntrinsics, type IntrinsicContext } from '../serverless/intrinsics.ts';
import { policyOf, roleFromResource } from '../serverless/resources.ts';
import type { FunctionSpec, RoleSpec } from '../stack.ts';
import { expandPolicies } from './policies.ts';
import { num, type Obj, obj, str, type Template } from './template.ts';

/** CloudFormation's defaults (AWS::Lambda::Function): 3 s, 128 MB. */
const LAMBDA_DEFAULTS = { timeout: 3, memorySize: 128 };

export const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/** The physical name a function gets: FunctionName, else `<stack>-<LogicalId>` (CloudFormation adds a suffix). */
export function functionName(
  template: Template,
  logicalId: string,
  properties: Obj,
  ctx: IntrinsicContext,
): string {
  const declared = evaluateIntrinsics(properties.FunctionName, ctx);
  return typeof declared === 'string' && declared !== '' ? declared : `${template.name}-${logicalId}`;
}

/** SAM's Globals: function properties override, maps merge, lists append to the global list. */
export function withGlobals(globals: Obj, properties: Obj): Obj {
  const merged: Obj = { ...globals };
  for (const [key, value] of Object.entries(properties)) {
    const global = merged[key];
    if (Array.isArray(global) && Array.isArray(value)) merged[key] = [...global, ...value];
    else if (isMap(global) && isMap(value)) merged[key] = withGlobals(global, value);
    else merged[key] = value;
  }
  return merged;
}

function isMap(value: unknown): value is Obj {
  return (
    !!value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).every((k) => !k.startsWith('Fn::') && k !== 'Ref')
  );
}

export interface FunctionInputs {
  template: Template;
  resources: Obj;
  ctx: IntrinsicContext;
  warn: (line: string) => void;
}

export function functionFrom(logicalId: string, resource: Obj, inputs: FunctionInputs): FunctionSpec {
  const { template, ctx } = inputs;
  const where = `${template.file}: ${logicalId}`;
  const serverless = resource.Type === 'AWS::Serverless::Function';
  const raw = serverless
    ? withGlobals(obj(obj(template.doc.Globals).Function), obj(resource.Properties))
    : obj(resource.Properties);
  // Policies are expanded on their own: a template name is not an intrinsic.
  const { Policies: policies, Events: events, ...rest } = raw;
  const eventTypes = [...new Set(Object.values(obj(events)).map((e) => String(obj(e).Type)))];
  if (eventTypes.length > 0) {
    inputs.warn(
      `${where}: ${eventTypes.join(', ')} events are not served (the emulator runs the WebSocket API); skipped.`,
    );
  }
  const p = obj(evaluateIntrinsics(rest, ctx));
  const packageType = str(p.PackageType);
  if (packageType === 'Image') {
    throw new Error(
      `${where}: PackageType Image is not supported; the emulator runs zip functions from a folder (CodeUri + Handler).`,
    );
  }
  const runtime = str(p.Runtime);
  const handler = str(p.Handler);
  if (!handler) throw new Error(`${where}: Handler is missing.`);
  const codeDir = resolve(template.dir, codeUri(p, serverless, where));
  const { entry, exportName } = resolveHandler(codeDir, handler, where, runtime);
  const environment = Object.fromEntries(
    Object.entries(obj(obj(p.Environment).Variables))
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, String(v)]),
  );
  const layers = (Array.isArray(p.Layers) ? p.Layers : []).map(String);
  const spec: FunctionSpec = {
    name: functionName(template, logicalId, raw, ctx),
    entry,
    handler: exportName,
    timeoutSeconds: num(p.Timeout) ?? LAMBDA_DEFAULTS.timeout,
    memoryMB: num(p.MemorySize) ?? LAMBDA_DEFAULTS.memorySize,
    environment,
    role: roleFor(logicalId, p.Role, serverless ? policies : undefined, inputs),
    ...(runtime ? { runtime } : {}),
    ...(layers.length > 0 ? { layers } : {}),
  };
  return spec;
}

function codeUri(p: Obj, serverless: boolean, where: string): string {
  const code = serverless ? p.CodeUri : p.Code;
  if (code === undefined) return '.';
  if (typeof code === 'string') {
    if (code.startsWith('s3://'))
      throw new Error(`${where}: code in S3 (${code}) cannot run here; point CodeUri at the local folder.`);
    return code;
  }
  const keys = Object.keys(obj(code)).join(', ');
  throw new Error(
    `${where}: ${serverless ? 'CodeUri' : 'Code'} {${keys}} is not a local folder; the emulator runs functions from a folder next to the template (CodeUri: src/).`,
  );
}

/** `Role` (a role in the template, or an existing role's ARN), else SAM's generated role. */
function roleFor(logicalId: string, role: unknown, policies: unknown, inputs: FunctionInputs): RoleSpec {
  const { template, resources, ctx, warn } = inputs;
  if (role !== undefined) {
    const arn = String(role);
    const roleLogicalId = Object.entries(resources).find(
      ([id, r]) => obj(r).Type === 'AWS::IAM::Role' && (ctx.attributes?.[id]?.Arn === arn || id === arn),
    )?.[0];
    if (roleLogicalId) {
      return roleFromResource(roleLogicalId, obj(resources[roleLogicalId]), ctx, template.file, warn);
    }
    warn(
      `${template.file}: ${logicalId} runs as ${arn}, a role outside the template whose policy the emulator cannot read; it allows nothing here. Start with --policy FILE to say what it allows.`,
    );
    return { name: arn.split('/').pop() ?? arn, policy: policyOf([]) };
  }
  if (
    policies === undefined &&
    resources[logicalId] &&
    obj(resources[logicalId]).Type === 'AWS::Lambda::Function'
  ) {
    throw new Error(`${template.file}: ${logicalId} (AWS::Lambda::Function) has no Role.`);
  }
  // SAM's implicit role: AWSLambdaBasicExecutionRole first, then the function's Policies.
  const statements = expandPolicies(
    ['AWSLambdaBasicExecutionRole', ...[policies ?? []].flat()],
    ctx,
    `${template.file}: ${logicalId}.Policies`,
    warn,
  );
  return { name: `${template.name}-${logicalId}Role`, policy: policyOf(statements) };
}
