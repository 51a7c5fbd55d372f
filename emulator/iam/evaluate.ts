/**
 * Identity-policy evaluation as AWS documents it for a single account: an explicit deny in any
 * matching statement wins, then any matching allow, else the request is implicitly denied.
 * Conditions are refused when a policy is loaded (policy-check.ts), so none reach this point.
 */
import type { PolicyDocument, PolicyStatement } from '../stack.ts';
import { actionMatches, resourceMatches } from './wildcards.ts';

export type Reason = 'explicit-deny' | 'allow' | 'implicit-deny';

export interface Evaluation {
  reason: Reason;
  /** The statement that decided it (none for an implicit deny). */
  statement?: { index: number; sid?: string };
}

export function statementsOf(policy: PolicyDocument): PolicyStatement[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Whether the statement's action and resource elements (or their Not- forms) cover this request. */
export function statementApplies(statement: PolicyStatement, action: string, resource: string): boolean {
  const actionHit =
    statement.Action !== undefined
      ? list(statement.Action).some((p) => actionMatches(p, action))
      : !list(statement.NotAction).some((p) => actionMatches(p, action));
  if (!actionHit) return false;
  return statement.Resource !== undefined
    ? list(statement.Resource).some((p) => resourceMatches(p, resource))
    : !list(statement.NotResource).some((p) => resourceMatches(p, resource));
}

export function evaluate(policies: readonly PolicyDocument[], action: string, resource: string): Evaluation {
  let allow: Evaluation | undefined;
  for (const policy of policies) {
    const statements = statementsOf(policy);
    for (let index = 0; index < statements.length; index++) {
      const statement = statements[index] as PolicyStatement;
      if (!statementApplies(statement, action, resource)) continue;
      const decided = { index, ...(statement.Sid ? { sid: statement.Sid } : {}) };
      if (statement.Effect === 'Deny') return { reason: 'explicit-deny', statement: decided };
      allow ??= { reason: 'allow', statement: decided };
    }
  }
  return allow ?? { reason: 'implicit-deny' };
}
