/**
 * key-attribute-case: a client connects and leaves. The broken $disconnect names the key
 * `ConnectionId`; DynamoDB answers "ValidationException: The provided key element does not match
 * the schema" and the row stays. The fixed one names it `connectionId`, as the table does.
 */

import { tr } from '../../runner/i18n.ts';
import { brokenThenFixed, quote, type Variant, type VariantSpec } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';

export const demo: Demo = async (ctx) => {
  ctx.log(
    tr(
      'User is keyed by `connectionId`; broken.ts deletes with Key { ConnectionId }, fixed.ts with Key { connectionId }.',
      'User의 키는 `connectionId`입니다. broken.ts는 Key { ConnectionId }로, fixed.ts는 Key { connectionId }로 지웁니다.',
    ),
  );
  return brokenThenFixed(ctx, 'key-attribute-case', variant('broken'), variant('fixed'));
};

function variant(label: 'broken' | 'fixed'): VariantSpec<Observation> {
  return { label, routes: ['$connect', '$disconnect'], run: (v) => connectAndLeave(v, label) };
}

async function connectAndLeave(v: Variant, label: 'broken' | 'fixed'): Promise<Observation> {
  const client = await v.connect('wscat');
  await v.invocationsEnded(1);
  const rows = (await v.db.scanAll('User')).length;
  v.say(tr(`connected: User holds ${rows} row`, `연결됨: User에 행 ${rows}개`));
  await client.close();
  // Judged when $disconnect has ended: its delete either happened by then or never will.
  const ended = await v.invocationsEnded(2, 10_000);
  const left = await v.db.scanAll('User');
  const refused = v.ownLines().filter((line) => /ValidationException/.test(line));
  v.say(
    tr(
      `after the client left: User holds ${left.length} row(s); errors in the log: ${quote(refused, 1)}`,
      `클라이언트가 떠난 뒤: User에 행 ${left.length}개; 로그의 오류: ${quote(refused, 1, 'ko')}`,
    ),
  );
  if (label === 'broken') {
    const exact = refused.some((line) => line.includes('The provided key element does not match the schema'));
    return {
      ok: ended && exact && left.length === 1,
      observed: tr(
        `$disconnect failed with ${quote(refused, 1)}, and the row of the client that left is still in User`,
        `$disconnect가 실패했고 (${quote(refused, 1, 'ko')}), 떠난 클라이언트의 행이 User에 그대로 남아 있습니다`,
      ),
    };
  }
  return {
    ok: ended && refused.length === 0 && left.length === 0,
    observed:
      left.length === 0
        ? tr(
            'the key is named as the table defines it: the row is gone when the client leaves',
            '키 이름을 테이블에 정의된 그대로 쓰니, 클라이언트가 떠나면 행도 사라집니다',
          )
        : tr(
            `the row is still there: ${JSON.stringify(left)}`,
            `행이 아직 남아 있습니다: ${JSON.stringify(left)}`,
          ),
  };
}
