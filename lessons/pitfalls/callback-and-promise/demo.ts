/**
 * callback-and-promise: one player answers the word once, and we read their score from the
 * User table. The score is an ADD, so every send of the write adds one.
 */

import { tr } from '../../runner/i18n.ts';
import { brokenThenFixed, settle, type VariantSpec } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';

const ANSWER = { username: '영희', content: '강아지' };

export const demo: Demo = async (ctx) => {
  ctx.log(
    tr(
      'broken.ts: every write passes a callback AND awaits .promise() (v2 style, see v2-style.ts).',
      'broken.ts: 모든 쓰기가 콜백도 넘기고 .promise()도 await 합니다 (v2 방식, v2-style.ts 참고).',
    ),
  );
  ctx.log(
    tr(
      'fixed.ts: SDK v3, `await db.send(command)` once per write. The score is `ADD answerCnt :one`.',
      'fixed.ts: SDK v3, 쓰기마다 `await db.send(command)` 한 번. 점수는 `ADD answerCnt :one`.',
    ),
  );
  ctx.log(
    tr(
      "(the workshop's addScore wrote answerCnt + 1 with PutItem, so its second send stored the same value and hid the bug; an ADD counts every send.)",
      '(워크숍의 addScore는 PutItem으로 answerCnt + 1을 써서, 두 번째로 보내도 같은 값이 저장되어 버그가 가려졌습니다. ADD는 보낼 때마다 더해집니다.)',
    ),
  );
  return brokenThenFixed(
    ctx,
    'callback-and-promise',
    variant('broken', (points) => points === 2),
    variant('fixed', (points) => points === 1),
  );
};

function variant(
  label: 'broken' | 'fixed',
  expected: (points: number | undefined) => boolean,
): VariantSpec<Observation> {
  return {
    label,
    routes: ['$connect', '$default'],
    run: async (v) => {
      const player = await v.connect('영희');
      player.send(ANSWER);
      v.say(
        tr(
          `영희 answers once: ${JSON.stringify(ANSWER)}`,
          `영희가 한 번 답합니다: ${JSON.stringify(ANSWER)}`,
        ),
      );
      const ended = await v.invocationsEnded(2);
      // A second send still in flight when the handler returned has landed by now.
      await settle();
      const [row] = await v.db.scanAll('User');
      const points = typeof row?.answerCnt === 'number' ? row.answerCnt : undefined;
      v.say(tr(`User now holds ${JSON.stringify(row)}`, `이제 User에 든 것: ${JSON.stringify(row)}`));
      return {
        ok: ended && expected(points),
        observed: tr(
          `영희 answered once and her answerCnt in User is ${points}${points === 2 ? ': the ADD was sent twice' : ''}`,
          `영희가 한 번 답했고 User의 answerCnt는 ${points}입니다${points === 2 ? ': ADD가 두 번 보내졌습니다' : ''}`,
        ),
      };
    },
  };
}
