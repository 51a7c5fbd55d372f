/**
 * Asks the emulator's IAM engine whether a role may make a request: the same evaluation the
 * DynamoDB proxy, the log store and @connections use, so a lesson never judges a policy by
 * rules of its own.
 */
import type { Decision } from '../../emulator/contracts.ts';
import { Iam } from '../../emulator/iam/index.ts';
import { DEFAULTS, type RoleSpec } from '../../emulator/stack.ts';

export interface RoleAsker {
  /** The decision and, when a statement decided it, that statement's Sid. */
  ask(action: string, resource: string): Decision & { sid?: string };
}

/** Registers the role (IAM validates the policy and throws PolicyError on a bad one). */
export async function askerFor(role: RoleSpec): Promise<RoleAsker> {
  const iam = new Iam({ accountId: DEFAULTS.accountId, region: DEFAULTS.region });
  await iam.registerRole(role, 'your policy');
  const principal = iam.rolePrincipal(role.name, 'lesson-check');
  // check(), not authorize(): a lesson's probes are questions, not denials to print on the console.
  return { ask: (action, resource) => iam.check(principal, action, resource) };
}
