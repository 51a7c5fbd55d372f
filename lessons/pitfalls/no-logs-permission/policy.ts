/** The workshop's policy, and the same policy with "logs:*" taken out of its action list. */
import type { PolicyDocument, PolicyStatement } from '../../../emulator/stack.ts';
import { loadPolicy } from '../../shared/policies.ts';

export function workshopPolicy(): PolicyDocument {
  return loadPolicy('workshop-2019');
}

export function withoutLogs(): PolicyDocument {
  const policy = workshopPolicy();
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return { ...policy, Statement: statements.map(dropLogsActions) };
}

function dropLogsActions(statement: PolicyStatement): PolicyStatement {
  const actions = [statement.Action ?? []].flat();
  return { ...statement, Action: actions.filter((action) => !action.startsWith('logs:')) };
}

export function actionList(policy: PolicyDocument): string[] {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return statements.flatMap((s) => [s.Action ?? []].flat());
}
