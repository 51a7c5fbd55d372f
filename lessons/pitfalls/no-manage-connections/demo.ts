/**
 * no-manage-connections: two players, one chat, three runs. Without the permission the
 * workshop's code fails in silence; code that logs its failures shows the 403; with the
 * permission the chat arrives.
 */

import { join, tr, withParticle } from '../../runner/i18n.ts';
import { isChat } from '../../shared/ws-client.ts';
import { quote, runVariants, settle, type Variant } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';
import { MANAGE_CONNECTIONS, withoutManageConnections, workshopPolicy } from './policy.ts';

const CHAT = { username: '철수', content: '안녕하세요' };

export const demo: Demo = async (ctx) => {
  ctx.log(
    tr(
      `broken role: the workshop's policy without its ${MANAGE_CONNECTIONS} statement; fixed role: the policy as written.`,
      `broken 역할: 워크숍 정책에서 ${MANAGE_CONNECTIONS} 문장을 뺀 것; fixed 역할: 정책 그대로.`,
    ),
  );
  ctx.log(
    tr(
      'handler-original.ts swallows failed posts as the workshop did; handler-logged.ts logs them.',
      'handler-original.ts는 워크숍처럼 실패한 보내기를 삼키고, handler-logged.ts는 로그로 남깁니다.',
    ),
  );
  const [silent, logged, fixed] = await runVariants<Observation>(ctx, 'no-manage-connections', [
    {
      label: 'broken, original code',
      entry: 'handler-original.ts',
      policy: withoutManageConnections(),
      run: async (v) => {
        const seen = await chatOnce(v);
        // It did run and try: the broadcast line is there, the chat and any sign of failure are not.
        const tried = seen.ran && seen.broadcastLine.startsWith('Broadcasting a chat to 2');
        const ok = tried && !seen.delivered && seen.senderGot === 0 && seen.errors.length === 0;
        return {
          ok,
          observed: tr(
            `영희 received nothing, 철수 got no error back and the log group shows no error, only "${seen.broadcastLine}"`,
            `영희는 아무것도 받지 못했고, 철수에게도 오류가 돌아오지 않았으며, 로그 그룹에도 오류 없이 "${seen.broadcastLine}"만 있습니다`,
          ),
        };
      },
    },
    {
      label: 'broken, code that logs',
      entry: 'handler-logged.ts',
      policy: withoutManageConnections(),
      run: async (v) => {
        const seen = await chatOnce(v);
        const forbidden = seen.errors.filter((line) => /ForbiddenException \(HTTP 403\)/.test(line));
        return {
          ok: !seen.delivered && forbidden.length > 0,
          observed: tr(
            `the same chat, logged this time: ${quote(forbidden, 1)}`,
            `같은 채팅인데 이번에는 로그에 남았습니다: ${quote(forbidden, 1, 'ko')}`,
          ),
        };
      },
    },
    {
      label: 'fixed',
      entry: 'handler-logged.ts',
      policy: workshopPolicy(),
      run: async (v) => {
        const seen = await chatOnce(v);
        return {
          ok: seen.delivered && seen.errors.length === 0,
          observed: seen.delivered
            ? tr(
                `with ${MANAGE_CONNECTIONS} allowed, 영희 received ${JSON.stringify(CHAT)}; errors in the log: ${quote(seen.errors)}`,
                `${withParticle(MANAGE_CONNECTIONS, '을/를')} 허용하니 영희가 ${withParticle(JSON.stringify(CHAT), '을/를')} 받았습니다; 로그의 오류: ${quote(seen.errors, 3, 'ko')}`,
              )
            : tr(
                `영희 still received nothing; the log says ${quote(seen.errors)}`,
                `영희는 여전히 아무것도 받지 못했습니다; 로그: ${quote(seen.errors, 3, 'ko')}`,
              ),
        };
      },
    },
  ]);
  const broken = silent as Observation;
  const revealed = logged as Observation;
  return {
    broken: { ok: broken.ok && revealed.ok, observed: join([broken.observed, revealed.observed], '; ') },
    fixed: fixed as Observation,
  };
};

interface ChatSeen {
  ran: boolean;
  delivered: boolean;
  /** Frames 철수, the sender, got back (an error would be one). */
  senderGot: number;
  errors: string[];
  broadcastLine: string;
}

async function chatOnce(v: Variant): Promise<ChatSeen> {
  const chulsoo = await v.connect('철수');
  const younghee = await v.connect('영희');
  chulsoo.send(CHAT);
  v.say(
    tr(
      `철수 sends ${JSON.stringify(CHAT)}`,
      `철수가 ${withParticle(JSON.stringify(CHAT), '을/를')} 보냅니다`,
    ),
  );
  // Two $connects and the chat: once all three have ended, any frame would be on its way.
  const ran = await v.invocationsEnded(3);
  await settle(300);
  const delivered = younghee.received.some((f) => isChat(f, CHAT.content));
  const lines = v.ownLines();
  const errors = lines.filter((line) => /\b(error|failed|denied)\b|HTTP 403/i.test(line));
  const back = chulsoo.received.length;
  v.say(
    delivered
      ? tr(
          `영희 received the chat; 철수 got ${back} frame(s) back`,
          `영희가 채팅을 받았습니다; 철수에게 돌아온 프레임 ${back}개`,
        )
      : tr(
          `영희 received nothing; 철수 got ${back} frame(s) back`,
          `영희는 아무것도 받지 못했습니다; 철수에게 돌아온 프레임 ${back}개`,
        ),
  );
  v.say(tr(`the function's log: ${quote(lines)}`, `함수의 로그: ${quote(lines, 3, 'ko')}`));
  return {
    ran,
    delivered,
    senderGot: chulsoo.received.filter((f) => !isChat(f, CHAT.content)).length,
    errors,
    broadcastLine: lines.find((line) => line.startsWith('Broadcasting')) ?? '(no line)',
  };
}
