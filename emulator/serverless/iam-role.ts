/**
 * The execution roles of a serverless.yml service, as osls deploys them
 * (osls lib/plugins/aws/package/lib/merge-iam-templates.js and the websockets compiler):
 * - `provider.iam.role: LogicalId` (or the older `provider.role`) names a role in `resources:`;
 *   a function's own `role:` does the same for that function;
 * - otherwise the framework's role `<service>-<stage>-<region>-lambdaRole`, whose one inline
 *   policy holds the CloudWatch Logs statements osls adds for every function, then
 *   `provider.iam.role.statements` (or the older `provider.iamRoleStatements`), then, when any
 *   function has a websocket event, ManageConnections on every API; plus
 *   `provider.iam.role.managedPolicies` (or `provider.iamManagedPolicies`).
 * test/integration/serverless/iam-package.test.ts compares this with `osls package` output.
 */
import type { PolicyStatement, RoleSpec } from '../stack.ts';
import { evaluateIntrinsics, type IntrinsicContext } from './intrinsics.ts';
import { managedPolicyStatements, policyOf, roleFromResource, statementList } from './resources.ts';

export type Obj = Record<string, unknown>;

export interface ServiceRoles {
  /** The role functions run as unless they name their own. */
  role: RoleSpec;
  /** Function key → its own role (`functions.<key>.role`). */
  functionRoles: Record<string, RoleSpec>;
}

export interface RoleInputs {
  service: string;
  stage: string;
  region: string;
  file: string;
  provider: Obj;
  resources: Obj;
  /** Function key → definition, with `name` already resolved by the loader. */
  functions: Record<string, Obj & { name: string }>;
  ctx: IntrinsicContext;
  warn: (line: string) => void;
}

export function serviceRoles(inputs: RoleInputs): ServiceRoles {
  const { provider, functions } = inputs;
  const providerRole = obj(provider.iam).role ?? provider.role;
  const functionRoles: Record<string, RoleSpec> = {};
  for (const [key, definition] of Object.entries(functions)) {
    if (definition.role !== undefined) {
      functionRoles[key] = namedRole(definition.role, `functions.${key}.role`, inputs);
    }
  }
  const role =
    typeof providerRole === 'string' || isIntrinsic(providerRole)
      ? namedRole(providerRole, 'provider.iam.role', inputs)
      : frameworkRole(obj(providerRole), inputs);
  return { role, functionRoles };
}

/** `Role`, `!GetAtt Role.Arn` or `{ Ref: Role }` to the logical id `Role`. */
function logicalIdOf(value: unknown): string {
  if (typeof value === 'string') return value;
  const getAtt = obj(value)['Fn::GetAtt'];
  const first = Array.isArray(getAtt)
    ? getAtt[0]
    : typeof getAtt === 'string'
      ? getAtt.split('.')[0]
      : obj(value).Ref;
  return String(first ?? '');
}

function isIntrinsic(value: unknown): boolean {
  return Object.keys(obj(value)).some((k) => k === 'Fn::GetAtt' || k === 'Ref');
}

/** A role named by logical id (or `!GetAtt Id.Arn`), or an existing role's ARN the emulator cannot see. */
function namedRole(value: unknown, where: string, inputs: RoleInputs): RoleSpec {
  const logicalId = logicalIdOf(value);
  const resource = obj(inputs.resources[logicalId]);
  if (resource.Type === 'AWS::IAM::Role') {
    return roleFromResource(logicalId, resource, inputs.ctx, inputs.file, inputs.warn);
  }
  if (typeof value === 'string' && value.startsWith('arn:')) {
    inputs.warn(
      `${inputs.file}: ${where} is an existing role (${value}) whose policy the emulator cannot read; it allows nothing here. Start with --policy FILE to say what it allows.`,
    );
    return { name: value.split('/').pop() ?? value, policy: policyOf([]) };
  }
  throw new Error(
    `${inputs.file}: ${where} names ${JSON.stringify(value)}, which is not an AWS::IAM::Role in resources.Resources (supported: a role's logical id, !GetAtt Role.Arn, or an existing role's ARN).`,
  );
}

function frameworkRole(iamRole: Obj, inputs: RoleInputs): RoleSpec {
  const { service, stage, region, provider, functions, ctx } = inputs;
  const canonicalPrefix = `${service}-${stage}`;
  const logsPrefix = `arn:aws:logs:${region}:${ctx.accountId}:log-group:/aws/lambda/`;
  const groupResources: string[] = [];
  const streamResources: string[] = [];
  let canonical = false;
  // Canonically named functions share one wildcard; a custom `name:` gets its own log group ARN.
  for (const fn of Object.values(functions)) {
    if (fn.name.startsWith(canonicalPrefix)) {
      canonical = true;
      continue;
    }
    groupResources.push(`${logsPrefix}${fn.name}:*`);
    streamResources.push(`${logsPrefix}${fn.name}:*:*`);
  }
  if (canonical) {
    groupResources.push(`${logsPrefix}${canonicalPrefix}*:*`);
    streamResources.push(`${logsPrefix}${canonicalPrefix}*:*:*`);
  }
  const statements: unknown[] = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'],
      Resource: groupResources,
    },
    { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: streamResources },
    ...statementList(iamRole.statements ?? provider.iamRoleStatements).map(actionsAsLists),
  ];
  const hasWebsocket = Object.values(functions).some((fn) =>
    (Array.isArray(fn.events) ? fn.events : []).some((event) => obj(event).websocket !== undefined),
  );
  if (hasWebsocket) {
    statements.push({
      Effect: 'Allow',
      Action: ['execute-api:ManageConnections'],
      Resource: ['arn:aws:execute-api:*:*:*/@connections/*'],
    });
  }
  const managedRefs = iamRole.managedPolicies ?? provider.iamManagedPolicies;
  const evaluated = evaluateIntrinsics(statements, ctx) as PolicyStatement[];
  const managed = managedPolicyStatements(
    (evaluateIntrinsics(statementList(managedRefs), ctx) as unknown[]) ?? [],
    `${inputs.file} provider.iam.role.managedPolicies`,
    inputs.warn,
  );
  return {
    name: typeof iamRole.name === 'string' ? iamRole.name : `${service}-${stage}-${region}-lambdaRole`,
    policy: policyOf([...evaluated, ...managed]),
  };
}

/** osls's config schema makes Action and NotAction lists (its validator coerces a string to [string]). */
function actionsAsLists(statement: unknown): unknown {
  const s = { ...obj(statement) };
  for (const key of ['Action', 'NotAction']) if (typeof s[key] === 'string') s[key] = [s[key]];
  return s;
}

function obj(value: unknown): Obj {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
}
