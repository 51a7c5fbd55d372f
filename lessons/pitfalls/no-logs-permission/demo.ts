/**
 * no-logs-permission: the same handler under two roles. A client connects and leaves; the User
 * table proves the function ran both times, and the log group shows whether anyone can tell.
 */
import type { PolicyDocument } from '../../../emulator/stack.ts';
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
  ctx.log(`broken role allows ${actionList(withoutLogs()).join(', ')}: no logs:* at all.`);
  ctx.log(
    `fixed role: the workshop's policy, which adds logs:* (${actionList(workshopPolicy()).join(', ')}).`,
  );
  return brokenThenFixed(
    ctx,
    'no-logs-permission',
    variant('broken', withoutLogs(), (ran, lines) => ({
      ok: ran && lines.length === 0,
      observed: ran
        ? `the function ran (its User row came and went) but ${GROUP} has ${lines.length} line(s)`
        : 'the function did not even run: no User row appeared',
    })),
    variant('fixed', workshopPolicy(), (ran, lines) => ({
      ok: ran && lines.some((line) => line.startsWith('Connect requested')),
      observed: `the function ran and ${GROUP} shows ${lines.length} line(s), among them: ${quote(
        lines.filter((l) => /requested/.test(l)),
        2,
      )}`,
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
        `${GROUP} holds ${lines.length} line(s)${own.length > 0 ? `; the function's own: ${quote(own, 4)}` : ''}`,
      );
      return judge(ran, lines);
    },
  };
}

/** True when the table shows both invocations: the row appears on connect and goes on leave. */
async function connectAndLeave(v: Variant): Promise<boolean> {
  const client = await v.connect('wscat');
  const added = await eventually(async () => (await v.db.scanAll('User')).length === 1);
  v.say(`wscat connected; User ${added ? 'has its row' : 'has no row'}`);
  await client.close();
  const removed = added && (await eventually(async () => (await v.db.scanAll('User')).length === 0));
  v.say(`wscat left; User ${removed ? 'is empty again' : 'still has the row'}`);
  return added && removed;
}
