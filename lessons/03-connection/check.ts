/**
 * Lesson 3 check: start the emulator with the learner's handler on $connect/$disconnect, open a
 * real WebSocket, and look where the workshop looked: the User table and the CloudWatch log group.
 */
import { attempt, Checklist } from '../runner/checklist.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { adminDb } from '../shared/admin-db.ts';
import { eventually, startLessonEmulator } from '../shared/emulator.ts';
import { loadModule } from '../shared/load.ts';
import { FUNCTION_NAME } from '../shared/workshop-stack.ts';
import { connectClient } from '../shared/ws-client.ts';
import { buildStack } from './stack.ts';

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loaded = await loadModule(ctx.codeDir, 'handler.ts', ['handler']);
  if (!loaded.ok) {
    list.fail('handler.ts loads and exports `handler`', loaded.detail, loaded.hint);
    return { items: list.items };
  }
  list.pass('handler.ts loads and exports `handler`');

  const emulator = await startLessonEmulator(buildStack(ctx.codeDir), { engine: ctx.engine, log: ctx.log });
  const db = adminDb(emulator.urls.dynamodb);
  let keep = false;
  try {
    const client = await attempt(
      list,
      'a WebSocket client connects (wscat -c URL)',
      () => connectClient(emulator.urls.ws, 'wscat'),
      'a refused upgrade means $connect threw or returned an error: the log lines below the check name it.',
    );
    if (!client) return { items: list.items };
    list.pass('a WebSocket client connects (wscat -c URL)');

    const rowAppeared = await eventually(async () => (await db.scanAll('User')).length === 1);
    const rows = await db.scanAll('User');
    list.expect(
      rowAppeared,
      'connecting puts a row in User',
      `User has ${rows.length} rows after connecting`,
      'in the CONNECT branch, send a PutCommand with Item { connectionId, answerCnt: 0 } — and await it.',
    );
    if (rowAppeared) {
      list.expect(
        rows[0]?.answerCnt === 0 && typeof rows[0]?.connectionId === 'string',
        'the row is { connectionId, answerCnt: 0 }',
        `found ${JSON.stringify(rows[0])}`,
        'answerCnt starts at the number 0; connectionId comes from event.requestContext.connectionId.',
      );
    }

    const logged = await eventually(async () =>
      (await emulator.logMessages(FUNCTION_NAME)).some((m) => /connect/i.test(m)),
    );
    list.expect(
      logged,
      `the log group /aws/lambda/${FUNCTION_NAME} shows the connect`,
      'the log group is empty',
      'console.log in the handler; the role needs logs:CreateLogStream and logs:PutLogEvents (lesson 1).',
    );

    await client.close();
    if (rowAppeared) {
      const removed = await eventually(async () => (await db.scanAll('User')).length === 0);
      list.expect(
        removed,
        'disconnecting removes the row',
        'the row is still in User after the client closed',
        'in the DISCONNECT branch, send a DeleteCommand with Key { connectionId } — and await it.',
      );
    } else {
      list.fail(
        'disconnecting removes the row',
        'cannot tell: no row appeared on connect',
        'fix the connect row first; then this check can see the delete.',
      );
    }
    keep = ctx.keep;
    return {
      items: list.items,
      ...(keep ? { kept: { urls: emulator.urls, stop: emulator.stop } } : {}),
    };
  } finally {
    db.close();
    if (!keep) await emulator.stop();
  }
}
