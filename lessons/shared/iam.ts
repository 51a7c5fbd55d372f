/**
 * Asks the emulator's IAM engine whether a role may make a request: the same evaluation the
 * DynamoDB proxy, the log store and @connections use, so a lesson never judges a policy by
 * rules of its own.
 */
import type { Decision, Principal } from '../../emulator/contracts.ts';
import { DEFAULTS, type RoleSpec } from '../../emulator/stack.ts';

interface IamEngine {
  registerRole(role: RoleSpec): unknown;
  authorize(principal: Principal, action: string, resourceArn: string): Decision;
}

// Resolved at run time: emulator/iam is another engineer's module, and a lesson that only needs
// tables must not break when it is absent.
const IAM_MODULE = '../../emulator/iam/index.ts';

export interface RoleAsker {
  ask(action: string, resource: string): Decision;
}

export async function askerFor(role: RoleSpec): Promise<RoleAsker> {
  let module: { Iam?: new (options?: unknown) => IamEngine };
  try {
    module = (await import(IAM_MODULE)) as typeof module;
  } catch (error) {
    throw new Error(`the IAM engine (emulator/iam) did not load: ${(error as Error).message}`);
  }
  if (!module.Iam) throw new Error('emulator/iam/index.ts does not export Iam');
  const iam = new module.Iam({ accountId: DEFAULTS.accountId, region: DEFAULTS.region });
  iam.registerRole(role);
  const sessionName = 'lesson-check';
  const principal: Principal = {
    kind: 'role',
    roleName: role.name,
    sessionName,
    arn: `arn:aws:sts::${DEFAULTS.accountId}:assumed-role/${role.name}/${sessionName}`,
    accessKeyId: 'ASIALESSONCHECK00000',
  };
  return { ask: (action, resource) => iam.authorize(principal, action, resource) };
}
