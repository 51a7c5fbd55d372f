/** The workshop's policy, and the same policy as it is when its second statement is left out. */
import type { PolicyDocument, PolicyStatement } from '../../../emulator/stack.ts';
import { loadPolicy } from '../../shared/policies.ts';

export const MANAGE_CONNECTIONS = 'execute-api:ManageConnections';

export function workshopPolicy(): PolicyDocument {
  return loadPolicy('workshop-2019');
}

/** Every statement that grants ManageConnections removed (the workshop's "VisualEditor1"). */
export function withoutManageConnections(): PolicyDocument {
  const policy = workshopPolicy();
  return {
    ...policy,
    Statement: statements(policy).filter((s) => !actionsOf(s).includes(MANAGE_CONNECTIONS)),
  };
}

export function statements(policy: PolicyDocument): PolicyStatement[] {
  return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

export function actionsOf(statement: PolicyStatement): string[] {
  const action = statement.Action ?? [];
  return Array.isArray(action) ? action : [action];
}
