/**
 * Lesson 1 check: register the learner's policy as the function's role, then ask IAM about each
 * request the function makes (each must be allowed) and each it has no business making (each
 * must be refused). Over-broad grants show as ✗ with the statement shape that caused them. The
 * trust policy is checked too: only the Lambda service may assume the role.
 */
import type { PolicyDocument, PolicyStatement } from '../../emulator/stack.ts';
import { Checklist, describeError } from '../runner/checklist.ts';
import { type Text, tr, withParticle } from '../runner/i18n.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { askerFor, type RoleAsker } from '../shared/iam.ts';
import { loadModule } from '../shared/load.ts';
import { type ExtraGrant, extraGrants } from './least-privilege.ts';
import { LAMBDA_SERVICE, NEEDED, type Request, ROLE_NAME, TOO_BROAD } from './requirements.ts';
import type { TrustPolicy } from './trust.ts';

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loadLabel = tr(
    'policy.ts loads and exports `policy` and `trustPolicy`',
    'policy.ts가 로드되고 `policy`와 `trustPolicy`를 export함',
  );
  const loaded = await loadModule<{ policy: PolicyDocument; trustPolicy: TrustPolicy }>(
    ctx.codeDir,
    'policy.ts',
    ['policy', 'trustPolicy'],
  );
  if (!loaded.ok) {
    list.fail(loadLabel, loaded.detail, loaded.hint);
    return { items: list.items };
  }
  list.pass(loadLabel);
  checkTrust(list, loaded.module.trustPolicy);
  const policy = loaded.module.policy;
  if (!checkShape(list, policy)) return { items: list.items };

  ctx.log(
    tr(
      `registering your policy as the role ${ROLE_NAME} and asking IAM about ${NEEDED.length + TOO_BROAD.length} requests…`,
      `정책을 역할 ${ROLE_NAME}에 등록하고 IAM에 요청 ${NEEDED.length + TOO_BROAD.length}개를 물어봅니다…`,
    ),
  );
  let asker: RoleAsker;
  const acceptLabel = tr('IAM accepts the policy document', 'IAM이 정책 문서를 받아들임');
  try {
    asker = await askerFor({ name: ROLE_NAME, policy });
    list.pass(acceptLabel);
  } catch (error) {
    list.fail(
      acceptLabel,
      describeError(error),
      tr(
        'the message names the statement and field IAM refused.',
        '메시지가 IAM이 거부한 문장과 필드를 알려 줍니다.',
      ),
    );
    return { items: list.items };
  }
  for (const need of NEEDED) {
    const decision = asker.ask(need.action, need.resource);
    const name = shortName(need.resource);
    list.expect(
      decision.allowed,
      tr(
        `the function may ${need.action} on ${name.en} (${need.why.en})`,
        `함수가 ${name.ko}에 ${need.action} 가능 (${need.why.ko})`,
      ),
      decision.reason === 'explicit-deny'
        ? tr('an explicit Deny refuses it', '명시적 Deny가 거부합니다')
        : tr('no statement allows it', '허용하는 문장이 없습니다'),
      hintForNeed(need),
    );
  }
  for (const probe of TOO_BROAD) {
    const decision = asker.ask(probe.action, probe.resource);
    const name = shortName(probe.resource);
    const by = decision.sid ? ` by "${decision.sid}"` : '';
    const byKo = decision.sid ? `"${decision.sid}"에 의해 ` : '';
    list.expect(
      !decision.allowed,
      tr(`the function may NOT ${probe.action} on ${name.en}`, `함수가 ${name.ko}에 ${probe.action} 불가`),
      tr(
        `too broad: it is allowed${by}, and ${probe.why.en}`,
        `너무 넓음: ${byKo}허용되어 있고, ${probe.why.ko}`,
      ),
      hintForProbe(probe, policy, decision.sid),
    );
  }
  checkNothingMore(list, await extraGrants(asker, policy));
  return { items: list.items };
}

/** More extras than this on one resource are a wildcard's doing: one line for them, not fifty. */
const LINES_PER_RESOURCE = 6;

function checkNothingMore(list: Checklist, extras: ExtraGrant[]): void {
  if (extras.length === 0) {
    list.pass(
      tr(
        'nothing else is allowed: no other action on its tables, log group or API',
        '그 밖에는 아무것도 허용되지 않음: 테이블, 로그 그룹, API에 다른 액션 없음',
      ),
    );
    return;
  }
  const byResource = new Map<string, ExtraGrant[]>();
  for (const extra of extras)
    byResource.set(extra.resource, [...(byResource.get(extra.resource) ?? []), extra]);
  for (const [resource, grants] of byResource) {
    if (grants.length > LINES_PER_RESOURCE) {
      const names = grants.map((g) => g.action);
      const shown = `${names.slice(0, LINES_PER_RESOURCE).join(', ')}, …`;
      const sids = [...new Set(grants.map((g) => g.sid).filter(Boolean))].map((s) => `"${s}"`).join(', ');
      list.fail(
        tr(
          `the function may NOT do ${grants.length} other actions on ${resource}`,
          `함수가 ${resource}에 다른 액션 ${grants.length}개 불가`,
        ),
        tr(
          `allowed${sids ? ` by ${sids}` : ''}: ${shown}; the function makes none of these calls`,
          `${sids ? `${sids}에 의해 ` : ''}허용됨: ${shown}. 함수는 이 중 어떤 호출도 하지 않습니다`,
        ),
        tr(
          'a wildcard grants them: list only the actions the function calls on this resource.',
          '와일드카드가 이것들을 허용합니다: 이 리소스에 함수가 하는 호출만 나열하세요.',
        ),
      );
      continue;
    }
    for (const grant of grants) {
      const by = grant.sid ? ` by "${grant.sid}"` : '';
      const byKo = grant.sid ? `"${grant.sid}"에 의해 ` : '';
      list.fail(
        tr(
          `the function may NOT ${grant.action} on ${resource}`,
          `함수가 ${resource}에 ${grant.action} 불가`,
        ),
        tr(
          `allowed${by}, and the function never makes this call`,
          `${byKo}허용되어 있지만 함수는 이 호출을 하지 않습니다`,
        ),
        tr(
          `take ${grant.action} off this resource. A statement gives every resource it lists every action it lists, so tables that need different actions need statements of their own (User: PutItem, UpdateItem, DeleteItem, Scan; Chat: PutItem; Game: GetItem, PutItem).`,
          `이 리소스에서 ${withParticle(grant.action, '을/를')} 빼세요. 한 문장은 나열한 모든 리소스에 나열한 모든 액션을 주므로, 필요한 액션이 다른 테이블은 문장을 따로 써야 합니다 (User: PutItem, UpdateItem, DeleteItem, Scan; Chat: PutItem; Game: GetItem, PutItem).`,
        ),
      );
    }
  }
}

function checkTrust(list: Checklist, trust: TrustPolicy): void {
  const statements = Array.isArray(trust?.Statement) ? trust.Statement : [];
  const allows = statements.filter(
    (s) => s.Effect === 'Allow' && [s.Action].flat().includes('sts:AssumeRole'),
  );
  const services = allows.flatMap((s) =>
    s.Principal === '*' ? ['*'] : [s.Principal?.Service ?? [], s.Principal?.AWS ?? []].flat(),
  );
  list.expect(
    services.includes(LAMBDA_SERVICE),
    tr(
      `the trust policy lets Lambda assume the role (${LAMBDA_SERVICE}, sts:AssumeRole)`,
      `신뢰 정책이 Lambda에게 역할 맡기를 허용 (${LAMBDA_SERVICE}, sts:AssumeRole)`,
    ),
    tr(
      `the principals allowed sts:AssumeRole are ${JSON.stringify(services)}`,
      `sts:AssumeRole이 허용된 주체: ${JSON.stringify(services)}`,
    ),
    tr(
      'a role is given to a function only when its trust policy names the Lambda service as the Principal; the console writes this when you pick "Lambda" as the use case.',
      '신뢰 정책의 Principal에 Lambda 서비스가 있어야 함수에 역할을 줄 수 있습니다. 콘솔에서 사용 사례로 "Lambda"를 고르면 이 정책이 만들어집니다.',
    ),
  );
  const others = services.filter((s) => s !== LAMBDA_SERVICE);
  list.expect(
    others.length === 0,
    tr('nobody else may assume the role', '다른 누구도 역할을 맡을 수 없음'),
    tr(`also allowed: ${others.join(', ')}`, `그 밖에 허용됨: ${others.join(', ')}`),
    tr(
      'anyone who may assume the role gets every right its policy grants; "*" means any AWS account.',
      '역할을 맡을 수 있는 누구나 정책의 모든 권한을 얻습니다. "*"는 모든 AWS 계정입니다.',
    ),
  );
}

function checkShape(list: Checklist, policy: PolicyDocument): boolean {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const ok =
    list.expect(
      policy.Version === '2012-10-17',
      tr('Version is "2012-10-17"', 'Version이 "2012-10-17"'),
      tr(`found ${JSON.stringify(policy.Version)}`, `찾은 값: ${JSON.stringify(policy.Version)}`),
      tr(
        'use the current policy language version, "2012-10-17"; the old one does not understand ${…} variables.',
        '현재 정책 언어 버전 "2012-10-17"을 쓰세요. 옛 버전은 ${…} 변수를 모릅니다.',
      ),
    ) &&
    list.expect(
      statements.length > 0 &&
        statements.every((s) => s && (s.Action || s.NotAction) && (s.Resource || s.NotResource)),
      tr('every statement has an Action and a Resource', '모든 문장에 Action과 Resource가 있음'),
      tr('a statement is missing Action or Resource', 'Action이나 Resource가 없는 문장이 있습니다'),
      tr(
        'each statement needs Effect, Action and Resource (IAM rejects it otherwise).',
        '문장마다 Effect, Action, Resource가 필요합니다 (없으면 IAM이 거부합니다).',
      ),
    );
  return ok;
}

function shortName(arn: string): Text {
  const table = /:table\/(.+)$/.exec(arn);
  if (table) return tr(`table ${table[1]}`, `테이블 ${table[1]}`);
  const group = /:log-group:([^:]+)/.exec(arn);
  if (group) return tr(`log group ${group[1]}`, `로그 그룹 ${group[1]}`);
  const api = /:execute-api:[^:]+:[^:]+:([^/]+)\//.exec(arn);
  if (api) return tr(`@connections of API ${api[1]}`, `API ${api[1]}의 @connections`);
  return tr(arn, arn);
}

function hintForNeed(need: Request): Text {
  if (need.action.startsWith('dynamodb:'))
    return tr(
      `a statement must allow ${need.action} on this table's ARN (arn:aws:dynamodb:<region>:<account>:table/<Name>).`,
      `${withParticle(need.action, '을/를')} 이 테이블의 ARN(arn:aws:dynamodb:<리전>:<계정>:table/<이름>)에 허용하는 문장이 필요합니다.`,
    );
  if (need.action.startsWith('logs:'))
    return tr(
      "Lambda writes logs with three actions (create the group, create a stream, put events); allow them on this function's log group only.",
      'Lambda는 세 가지 액션(그룹 만들기, 스트림 만들기, 이벤트 넣기)으로 로그를 씁니다. 이 함수의 로그 그룹에만 허용하세요.',
    );
  return tr(
    'posting to a WebSocket client is execute-api:ManageConnections on the @connections ARN of this API; the workshop says the WebSocket silently stops working without it.',
    'WebSocket 클라이언트에 보내는 것은 이 API의 @connections ARN에 대한 execute-api:ManageConnections입니다. 워크숍 말대로 이것이 없으면 WebSocket이 조용히 멈춥니다.',
  );
}

/** The fix for an allowed probe depends on why it is allowed: a wildcard, or one statement shared by tables that need different actions. */
function hintForProbe(probe: Request, policy: PolicyDocument, sid: string | undefined): Text {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const service = probe.action.split(':')[0] ?? '';
  const culprit = statements.find((s) => s.Effect === 'Allow' && grantsWildcard(s, service));
  const name = culprit ? (culprit.Sid ? `"${culprit.Sid}"` : 'without Sid') : '';
  const where = culprit
    ? tr(` (statement ${name} uses a wildcard)`, ` (문장 ${name}에 와일드카드가 있습니다)`)
    : tr('', '');
  if (service === 'execute-api')
    return tr(
      `name the API id instead of * in the execute-api ARN${where.en}.`,
      `execute-api ARN에서 * 대신 API id를 쓰세요${where.ko}.`,
    );
  if (service === 'logs')
    return tr(
      `list the three log actions and this function's log group only${where.en}.`,
      `로그 액션 세 개와 이 함수의 로그 그룹만 쓰세요${where.ko}.`,
    );
  if (service === 'dynamodb' && culprit)
    return tr(
      `list the actions one by one and give the table ARNs, not *${where.en}.`,
      `액션을 하나씩 나열하고 * 대신 테이블 ARN을 쓰세요${where.ko}.`,
    );
  if (service === 'dynamodb') {
    const by = sid ? `"${sid}"` : '';
    return tr(
      `no wildcard is left: statement ${by} gives every table it lists every action it lists. The tables need different actions (User: put, update, delete, scan; Chat: put; Game: get, put), so give each table (or tables that need the same) a statement of its own.`,
      `와일드카드는 없습니다: 문장 ${withParticle(by, '이/가')} 나열한 모든 테이블에 나열한 모든 액션을 줍니다. 테이블마다 필요한 액션이 다르니 (User: put, update, delete, scan; Chat: put; Game: get, put) 테이블별로 (같은 액션이 필요한 테이블끼리) 문장을 나누세요.`,
    );
  }
  return tr(
    `the function never calls ${service}; drop ${service}:* from the policy${where.en}.`,
    `함수는 ${withParticle(service, '을/를')} 호출하지 않습니다. 정책에서 ${service}:*를 지우세요${where.ko}.`,
  );
}
function grantsWildcard(statement: PolicyStatement, service: string): boolean {
  const values = [statement.Action, statement.Resource]
    .flat()
    .filter((v): v is string => typeof v === 'string');
  return values.some((v) => v === '*' || v === `${service}:*` || (v.includes('*') && v.includes(service)));
}
