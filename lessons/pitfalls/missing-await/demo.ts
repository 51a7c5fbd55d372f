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
  v.say('wscat connected, so $connect returned 200');
  const ended = await v.invocationsEnded(1);
  // A write that was going to land has had ample time by now.
  await settle(1000);
  const rows = await v.db.scanAll('User');
  v.say(`the function's log: ${quote(v.ownLines().filter((l) => /Connect requested|Added/.test(l)))}`);
  v.say(`one second after the invocation ended, the User table holds ${rows.length} row(s)`);
  const observed =
    rows.length === 0
      ? 'wscat connected and $connect returned 200, yet User has no row and "Added … to User" was never logged: the un-awaited PutItem was left pending in the frozen instance and never reached DynamoDB'
      : `wscat connected and User holds its row ${JSON.stringify(rows[0])}`;
  return { ok: ended && expected(rows.length), observed };
}
