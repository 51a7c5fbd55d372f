/**
 * Lesson 1 check: register the learner's policy as the function's role, then ask IAM about each
 * request the function makes (each must be allowed) and each it has no business making (each
 * must be refused). Over-broad grants show as ✗ with the statement shape that caused them.
 */
import type { PolicyDocument, PolicyStatement } from '../../emulator/stack.ts';
import { Checklist, describeError } from '../runner/checklist.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { askerFor, type RoleAsker } from '../shared/iam.ts';
import { loadModule } from '../shared/load.ts';
import { NEEDED, type Request, ROLE_NAME, TOO_BROAD } from './requirements.ts';

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loaded = await loadModule<{ policy: PolicyDocument }>(ctx.codeDir, 'policy.ts', ['policy']);
  if (!loaded.ok) {
    list.fail('policy.ts loads and exports `policy`', loaded.detail, loaded.hint);
    return { items: list.items };
  }
  list.pass('policy.ts loads and exports `policy`');
  const policy = loaded.module.policy;
  if (!checkShape(list, policy)) return { items: list.items };

  ctx.log(
    `registering your policy as the role ${ROLE_NAME} and asking IAM about ${NEEDED.length + TOO_BROAD.length} requests…`,
  );
  let asker: RoleAsker;
  try {
    asker = await askerFor({ name: ROLE_NAME, policy });
    list.pass('IAM accepts the policy document');
  } catch (error) {
    list.fail(
      'IAM accepts the policy document',
      describeError(error),
      'the message names the statement and field IAM refused.',
    );
    return { items: list.items };
  }
  for (const need of NEEDED) {
    const decision = asker.ask(need.action, need.resource);
    list.expect(
      decision.allowed,
      `the function may ${need.action} on ${shortName(need.resource)} (${need.why})`,
      decision.reason === 'explicit-deny' ? 'an explicit Deny refuses it' : 'no statement allows it',
      hintForNeed(need),
    );
  }
  for (const probe of TOO_BROAD) {
    const decision = asker.ask(probe.action, probe.resource);
    list.expect(
      !decision.allowed,
      `the function may NOT ${probe.action} on ${shortName(probe.resource)}`,
      `too broad: it is allowed${decision.sid ? ` by "${decision.sid}"` : ''}, and ${probe.why}`,
      hintForProbe(probe, policy),
    );
  }
  return { items: list.items };
}

function checkShape(list: Checklist, policy: PolicyDocument): boolean {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const ok =
    list.expect(
      policy.Version === '2012-10-17',
      'Version is "2012-10-17"',
      `found ${JSON.stringify(policy.Version)}`,
      'use the current policy language version, "2012-10-17"; the old one does not understand ${…} variables.',
    ) &&
    list.expect(
      statements.length > 0 &&
        statements.every((s) => s && (s.Action || s.NotAction) && (s.Resource || s.NotResource)),
      'every statement has an Action and a Resource',
      'a statement is missing Action or Resource',
      'each statement needs Effect, Action and Resource (IAM rejects it otherwise).',
    );
  return ok;
}

function shortName(arn: string): string {
  const table = /:table\/(.+)$/.exec(arn);
  if (table) return `table ${table[1]}`;
  const group = /:log-group:([^:]+)/.exec(arn);
  if (group) return `log group ${group[1]}`;
  const api = /:execute-api:[^:]+:[^:]+:([^/]+)\//.exec(arn);
  if (api) return `@connections of API ${api[1]}`;
  return arn;
}

function hintForNeed(need: Request): string {
  if (need.action.startsWith('dynamodb:')) return `allow ${need.action} with Resource ${need.resource}.`;
  if (need.action.startsWith('logs:')) {
    return 'allow logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents on arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/android-realtime-lambda:*';
  }
  return 'allow execute-api:ManageConnections on arn:aws:execute-api:ap-northeast-2:123456789012:chosung001/*/POST/@connections/* — the workshop says the WebSocket silently stops working without it.';
}

function hintForProbe(probe: Request, policy: PolicyDocument): string {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const service = probe.action.split(':')[0] ?? '';
  const culprit = statements.find((s) => s.Effect === 'Allow' && grantsWildcard(s, service));
  const where = culprit
    ? ` (statement ${culprit.Sid ? `"${culprit.Sid}"` : 'without Sid'} uses a wildcard)`
    : '';
  if (service === 'execute-api') return `name the API id instead of * in the execute-api ARN${where}.`;
  if (service === 'logs') return `list the three log actions and this function's log group only${where}.`;
  if (service === 'dynamodb') return `list the actions one by one and give the table ARNs, not *${where}.`;
  return `the function never calls ${service}; drop ${service}:* from the policy${where}.`;
}

function grantsWildcard(statement: PolicyStatement, service: string): boolean {
  const values = [statement.Action, statement.Resource]
    .flat()
    .filter((v): v is string => typeof v === 'string');
  return values.some((v) => v === '*' || v === `${service}:*` || (v.includes('*') && v.includes(service)));
}
