/**
 * CloudFormation resources both front ends read the same way: DynamoDB tables (as CreateTable
 * inputs) and IAM roles (inline policies plus managed policies, as one policy document).
 * serverless.yml's `resources:` and a SAM template are both CloudFormation underneath.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { managedPolicy, unknownManagedPolicyWarning } from '../iam/managed-policies.ts';
import type { PolicyDocument, PolicyStatement, RoleSpec } from '../stack.ts';
import { evaluateIntrinsics, type IntrinsicContext } from './intrinsics.ts';

export type Obj = Record<string, unknown>;

export interface TableResource {
  logicalId: string;
  input: CreateTableCommandInput;
}

export function tablesFrom(resources: Obj): TableResource[] {
  return Object.entries(resources)
    .filter(([, r]) => obj(r).Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, r]) => ({ logicalId, input: createTableInput(logicalId, obj(obj(r).Properties)) }));
}

/** CloudFormation's table properties that CreateTable also takes; the rest (TTL, PITR, SSE…) are CloudFormation's. */
export function createTableInput(logicalId: string, p: Obj): CreateTableCommandInput {
  const input: Obj = { TableName: typeof p.TableName === 'string' ? p.TableName : logicalId };
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

/** Managed policy ARNs (or SAM's bare names) → their statements; unknown ones warn and add nothing. */
export function managedPolicyStatements(
  references: unknown[],
  where: string,
  warn: (line: string) => void,
): PolicyStatement[] {
  return references.flatMap((reference) => {
    const found = managedPolicy(String(reference));
    if (found.found) return found.statements;
    warn(unknownManagedPolicyWarning(String(reference), where));
    return [];
  });
}

/** An AWS::IAM::Role resource as the role a function runs as (intrinsics already evaluated or not). */
export function roleFromResource(
  logicalId: string,
  resource: Obj,
  ctx: IntrinsicContext,
  where: string,
  warn: (line: string) => void,
): RoleSpec {
  const properties = obj(evaluateIntrinsics(obj(resource.Properties), ctx));
  const inline = (Array.isArray(properties.Policies) ? properties.Policies : []).flatMap((policy) =>
    statementList(obj(obj(policy).PolicyDocument).Statement),
  );
  const managed = managedPolicyStatements(
    Array.isArray(properties.ManagedPolicyArns) ? properties.ManagedPolicyArns : [],
    `${where} ${logicalId}`,
    warn,
  );
  return {
    name: typeof properties.RoleName === 'string' ? properties.RoleName : logicalId,
    policy: policyOf([...inline, ...managed]),
  };
}

/**
 * One document for all of a role's policies (evaluation treats them as one set). IAM refuses a
 * document without statements, so a role that allows nothing gets sts:GetCallerIdentity, which
 * AWS allows every caller anyway.
 */
export function policyOf(statements: unknown[]): PolicyDocument {
  const list = statements.length > 0 ? statements : [NOTHING];
  return { Version: '2012-10-17', Statement: list as PolicyStatement[] };
}

const NOTHING: PolicyStatement = {
  Sid: 'AllowsNothing',
  Effect: 'Allow',
  Action: 'sts:GetCallerIdentity',
  Resource: '*',
};

export function statementList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value ? [value] : [];
}

function obj(value: unknown): Obj {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {};
}
