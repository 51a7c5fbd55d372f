/**
 * Lesson 3 check: start the emulator with the learner's handler on $connect/$disconnect, open a
 * real WebSocket, and look where the workshop looked: the User table and the CloudWatch log group.
 * Each row is judged when the invocation that should have written it has ended (its END line),
 * the moment Lambda freezes the instance, so the same code gets the same verdict on every run.
 */
import { attempt, Checklist, SEE_REPORT } from '../runner/checklist.ts';
import { tr } from '../runner/i18n.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { adminDb } from '../shared/admin-db.ts';
import { startLessonEmulator } from '../shared/emulator.ts';
import { loadModule } from '../shared/load.ts';
import { FUNCTION_NAME } from '../shared/workshop-stack.ts';
import { CONNECT_TIMEOUT_MS, connectClient } from '../shared/ws-client.ts';
import { buildStack } from './stack.ts';

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loadLabel = tr(
    'handler.ts loads and exports `handler`',
    'handler.ts가 로드되고 `handler`를 export함',
  );
  const loaded = await loadModule(ctx.codeDir, 'handler.ts', ['handler']);
  if (!loaded.ok) {
    list.fail(loadLabel, loaded.detail, loaded.hint);
    return { items: list.items };
  }
  list.pass(loadLabel);

  const emulator = await startLessonEmulator(buildStack(ctx.codeDir), {
    engine: ctx.engine,
    log: ctx.log,
  });
  const invocations = emulator.invocations;
  const db = adminDb(emulator.urls.dynamodb);
  let keep = false;
  try {
    const connectLabel = tr(
      'a WebSocket client connects (wscat -c URL)',
      'WebSocket 클라이언트가 연결됨 (wscat -c URL)',
    );
    const client = await attempt(
      list,
      connectLabel,
      () => connectClient(emulator.urls.ws, 'wscat', CONNECT_TIMEOUT_MS),
      tr(
        'a refused upgrade means $connect threw or returned an error: the report below the checklist names the line.',
        '연결 거부는 $connect가 예외를 던졌거나 오류를 반환했다는 뜻입니다: 체크리스트 아래 보고가 그 줄을 알려 줍니다.',
      ),
    );
    if (!client) return { items: list.items, errors: emulator.errors() };
    list.pass(connectLabel);

    // The upgrade is answered after $connect returned, so its END is already logged; waiting for
    // it anyway keeps the order explicit.
    await invocations.waitForEnds(FUNCTION_NAME, 1);
    const rows = await db.scanAll('User');
    const rowAppeared = rows.length === 1;
    list.expect(
      rowAppeared,
      tr('connecting puts a row in User', '연결하면 User에 행이 생김'),
      tr(
        `User has ${rows.length} rows when $connect has returned`,
        `$connect가 끝난 시점에 User의 행이 ${rows.length}개입니다`,
      ),
      tr(
        'in the CONNECT branch, write the row with a PutCommand — and await it: when the handler returns, Lambda freezes the instance.',
        'CONNECT 분기에서 PutCommand로 행을 쓰고 await 하세요: 핸들러가 반환되면 Lambda가 인스턴스를 얼립니다.',
      ),
    );
    if (rowAppeared) {
      list.expect(
        rows[0]?.answerCnt === 0 && typeof rows[0]?.connectionId === 'string',
        tr('the row is { connectionId, answerCnt: 0 }', '행의 모양이 { connectionId, answerCnt: 0 }'),
        tr(`found ${JSON.stringify(rows[0])}`, `찾은 행: ${JSON.stringify(rows[0])}`),
        tr(
          'answerCnt starts at the number 0 (not the string "0"); the attribute names are case-sensitive.',
          'answerCnt는 숫자 0으로 시작합니다 (문자열 "0"이 아님). 속성 이름은 대소문자를 구분합니다.',
        ),
      );
    }

    const messages = await emulator.logMessages(FUNCTION_NAME);
    list.expect(
      messages.some((m) => /connect/i.test(m) && !/^(START|END|REPORT) /.test(m)),
      tr(
        `the log group /aws/lambda/${FUNCTION_NAME} shows the connect`,
        `로그 그룹 /aws/lambda/${FUNCTION_NAME}에 연결 기록이 보임`,
      ),
      tr('no line of the handler mentions the connect', '핸들러가 남긴 줄 중 연결을 언급하는 줄이 없습니다'),
      tr(
        'console.log in the CONNECT branch; its lines reach the log group when the role may write logs (lesson 1).',
        'CONNECT 분기에서 console.log를 쓰세요. 역할에 로그 권한이 있으면 로그 그룹에 남습니다 (1강).',
      ),
    );

    const disconnected = await invocations.afterNext(FUNCTION_NAME, () => client.close());
    const removeLabel = tr('disconnecting removes the row', '연결을 끊으면 행이 지워짐');
    if (!disconnected) {
      list.fail(
        removeLabel,
        tr('$disconnect was not invoked within 10 s', '$disconnect가 10초 안에 호출되지 않았습니다'),
        SEE_REPORT,
      );
    } else if (rowAppeared) {
      const left = await db.scanAll('User');
      list.expect(
        left.length === 0,
        removeLabel,
        tr(
          'the row is still in User when $disconnect has returned',
          '$disconnect가 끝난 시점에도 행이 User에 남아 있습니다',
        ),
        tr(
          'in the DISCONNECT branch, delete the row by its key with a DeleteCommand — and await it.',
          'DISCONNECT 분기에서 DeleteCommand로 키를 주어 행을 지우고 await 하세요.',
        ),
      );
    } else {
      list.fail(
        removeLabel,
        tr('cannot tell: no row appeared on connect', '판단할 수 없음: 연결 때 행이 생기지 않았습니다'),
        tr(
          'fix the connect row first; then this check can see the delete.',
          '먼저 연결 때의 행을 고치세요. 그래야 삭제를 확인할 수 있습니다.',
        ),
      );
    }
    keep = ctx.keep;
    return {
      items: list.items,
      errors: emulator.errors(),
      ...(keep ? { kept: { urls: emulator.urls, stop: emulator.stop } } : {}),
    };
  } finally {
    db.close();
    if (!keep) await emulator.stop();
  }
}
