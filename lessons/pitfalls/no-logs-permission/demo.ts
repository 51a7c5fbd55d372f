/**
 * no-logs-permission: the same handler under two roles. A client connects and leaves; the User
 * table proves the function ran both times, and the log group shows whether anyone can tell.
 */
import type { PolicyDocument } from '../../../emulator/stack.ts';
import { tr } from '../../runner/i18n.ts';
import {
  brokenThenFixed,
  eventually,
  FUNCTION_NAME,
  quote,
  settle,
  type Variant,
  type VariantSpec,
} from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';
import { actionList, withoutLogs, workshopPolicy } from './policy.ts';

const GROUP = `/aws/lambda/${FUNCTION_NAME}`;

export const demo: Demo = async (ctx) => {
  const brokenActions = actionList(withoutLogs()).join(', ');
  const fixedActions = actionList(workshopPolicy()).join(', ');
  ctx.log(
    tr(
      `broken role allows ${brokenActions}: no logs:* at all.`,
      `broken 역할이 허용하는 것: ${brokenActions}. logs:*는 하나도 없습니다.`,
    ),
  );
  ctx.log(
    tr(
      `fixed role: the workshop's policy, which adds logs:* (${fixedActions}).`,
      `fixed 역할: logs:*가 더해진 워크숍의 정책 (${fixedActions}).`,
    ),
  );
  return brokenThenFixed(
    ctx,
    'no-logs-permission',
    variant('broken', withoutLogs(), (ran, lines) => ({
      ok: ran && lines.length === 0,
      observed: ran
        ? tr(
            `the function ran (its User row came and went) but ${GROUP} has ${lines.length} line(s)`,
            `함수는 실행됐지만 (User 행이 생겼다가 지워짐) ${GROUP}에는 ${lines.length}줄뿐입니다`,
          )
        : tr(
            'the function did not even run: no User row appeared',
            '함수가 실행조차 되지 않았습니다: User 행이 생기지 않았습니다',
          ),
    })),
    variant('fixed', workshopPolicy(), (ran, lines) => ({
      ok: ran && lines.some((line) => line.startsWith('Connect requested')),
      observed: tr(
        `the function ran and ${GROUP} shows ${lines.length} line(s), among them: ${quote(requested(lines), 2)}`,
        `함수가 실행됐고 ${GROUP}에 ${lines.length}줄이 보입니다. 그중: ${quote(requested(lines), 2, 'ko')}`,
      ),
    })),
  );
};

function variant(
  label: string,
  policy: PolicyDocument,
  judge: (ran: boolean, lines: string[]) => Observation,
): VariantSpec<Observation> {
  return {
    label,
    entry: 'handler.ts',
    routes: ['$connect', '$disconnect'],
    policy,
    run: async (v) => {
      const ran = await connectAndLeave(v);
      // Lines travel to the store asynchronously; give them time to land if they are coming.
      await settle();
      const lines = v.logLines();
      const own = v.ownLines();
      v.say(
        tr(
          `${GROUP} holds ${lines.length} line(s)${own.length > 0 ? `; the function's own: ${quote(own, 4)}` : ''}`,
          `${GROUP}의 줄 수: ${lines.length}${own.length > 0 ? `; 함수가 직접 쓴 줄: ${quote(own, 4, 'ko')}` : ''}`,
        ),
      );
      return judge(ran, lines);
    },
  };
}

/** True when the table shows both invocations: the row appears on connect and goes on leave. */
async function connectAndLeave(v: Variant): Promise<boolean> {
  const client = await v.connect('wscat');
  const added = await eventually(async () => (await v.db.scanAll('User')).length === 1);
  v.say(
    added
      ? tr('wscat connected; User has its row', 'wscat이 연결됨; User에 그 행이 있습니다')
      : tr('wscat connected; User has no row', 'wscat이 연결됨; User에 행이 없습니다'),
  );
  await client.close();
  const removed = added && (await eventually(async () => (await v.db.scanAll('User')).length === 0));
  v.say(
    removed
      ? tr('wscat left; User is empty again', 'wscat이 떠남; User가 다시 비었습니다')
      : tr('wscat left; User still has the row', 'wscat이 떠남; User에 행이 아직 남아 있습니다'),
  );
  return added && removed;
}

function requested(lines: string[]): string[] {
  return lines.filter((line) => /requested/.test(line));
}
