/**
 * missing-await: one wscat-like client connects to each variant, and we look where the workshop
 * looked once the invocation has ended: the User table and the function's log.
 */

import { tr } from '../../runner/i18n.ts';
import { brokenThenFixed, quote, settle, type Variant, type VariantSpec } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';

export const demo: Demo = async (ctx) => {
  ctx.log(
    tr(
      'broken.ts calls putToDyDB(...) in $connect without await; fixed.ts awaits it.',
      'broken.ts는 $connect에서 putToDyDB(...)를 await 없이 부르고, fixed.ts는 await 합니다.',
    ),
  );
  return brokenThenFixed(
    ctx,
    'missing-await',
    variant('broken', (rows) => rows === 0),
    variant('fixed', (rows) => rows === 1),
  );
};

function variant(label: 'broken' | 'fixed', expected: (rows: number) => boolean): VariantSpec<Observation> {
  return {
    label,
    routes: ['$connect', '$disconnect'],
    run: async (v) => connectAndLook(v, expected),
  };
}

async function connectAndLook(v: Variant, expected: (rows: number) => boolean): Promise<Observation> {
  await v.connect('wscat');
  v.say(
    tr('wscat connected, so $connect returned 200', 'wscat이 연결되었으니 $connect는 200을 돌려준 것입니다'),
  );
  const ended = await v.invocationsEnded(1);
  // A write that was going to land has had ample time by now.
  await settle(1000);
  const rows = await v.db.scanAll('User');
  const logged = v.ownLines().filter((l) => /Connect requested|Added/.test(l));
  v.say(tr(`the function's log: ${quote(logged)}`, `함수의 로그: ${quote(logged, 3, 'ko')}`));
  v.say(
    tr(
      `one second after the invocation ended, the User table holds ${rows.length} row(s)`,
      `호출이 끝나고 1초 뒤, User 테이블의 행은 ${rows.length}개입니다`,
    ),
  );
  const observed =
    rows.length === 0
      ? tr(
          'wscat connected and $connect returned 200, yet User has no row and "Added … to User" was never logged: the un-awaited PutItem was left pending in the frozen instance and never reached DynamoDB',
          'wscat이 연결되고 $connect도 200을 돌려줬지만, User에는 행이 없고 "Added … to User" 로그도 찍히지 않았습니다: await하지 않은 PutItem이 얼어붙은 인스턴스 안에 걸린 채로 남아 DynamoDB에 닿지 못했습니다',
        )
      : tr(
          `wscat connected and User holds its row ${JSON.stringify(rows[0])}`,
          `wscat이 연결되었고 User에 그 행이 있습니다: ${JSON.stringify(rows[0])}`,
        );
  return { ok: ended && expected(rows.length), observed };
}
