/**
 * default-timeout: the workshop raised the timeout to 30 s in the console ("제한시간 30초"). Left
 * at Lambda's default of 3 s, a handler that takes longer is cut off: the log says "Task timed
 * out after 3.00 seconds", the client gets "Internal server error", and the writes that came
 * before the cut are kept while the ones after it never happen.
 */

import { tr } from '../../runner/i18n.ts';
import { quote, runVariants, type Variant } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';

export const demo: Demo = async (ctx) => {
  ctx.log(
    tr(
      'handler.ts saves the chat, takes about 5 s to notify 8 players, then updates the game row.',
      'handler.ts는 채팅을 저장하고, 8명에게 알리는 데 5초쯤 걸린 뒤, 게임 행을 바꿉니다.',
    ),
  );
  ctx.log(
    tr(
      'broken: no timeout set, so Lambda’s default (3 s); fixed: the workshop’s 30 s.',
      'broken: 제한 시간을 정하지 않아 Lambda 기본값 (3초); fixed: 워크숍의 30초.',
    ),
  );
  const [broken, fixed] = await runVariants<Observation>(ctx, 'default-timeout', [
    {
      label: 'broken',
      entry: 'handler.ts',
      routes: ['$default'],
      timeoutSeconds: null,
      run: async (v) => {
        const seen = await sendOnce(v);
        return {
          ok: seen.timedOut && seen.chatRows === 1 && !seen.gameRow && seen.clientGotError,
          observed: tr(
            `the log says "${seen.timeoutLine}"; Chat holds ${seen.chatRows} row but Game has none (the write half done); the client got ${seen.reply ?? 'nothing'}`,
            `로그: "${seen.timeoutLine}"; Chat에는 행이 ${seen.chatRows}개 있지만 Game에는 없습니다 (쓰기가 반만 됨); 클라이언트가 받은 것: ${seen.reply ?? '없음'}`,
          ),
        };
      },
    },
    {
      label: 'fixed',
      entry: 'handler.ts',
      routes: ['$default'],
      timeoutSeconds: 30,
      run: async (v) => {
        const seen = await sendOnce(v);
        return {
          ok: !seen.timedOut && seen.chatRows === 1 && seen.gameRow,
          observed: tr(
            `with a 30 s timeout the invocation ends on its own: Chat holds ${seen.chatRows} row and Game ${seen.gameRow ? 'holds the new state' : 'has nothing'}; last log lines: ${quote(seen.lastLines, 2)}`,
            `제한 시간이 30초면 호출이 제대로 끝납니다: Chat에 행 ${seen.chatRows}개, Game에는 ${seen.gameRow ? '새 상태가 있습니다' : '아무것도 없습니다'}; 마지막 로그 줄: ${quote(seen.lastLines, 2, 'ko')}`,
          ),
        };
      },
    },
  ]);
  return { broken: broken as Observation, fixed: fixed as Observation };
};

async function sendOnce(v: Variant) {
  const client = await v.connect('철수');
  client.send({ username: '철수', content: '사과' });
  // The verdict is decided when the invocation has ended (its REPORT line), timed out or not.
  await v.invocationsEnded(1, 40_000);
  const reply = await client.waitFor(
    (frame) => typeof frame === 'object' && frame !== null && 'message' in frame,
    2000,
  );
  const lines = v.logLines();
  const timeoutLine = lines.find((line) => /Task timed out after/.test(line)) ?? '';
  const chatRows = (await v.db.scanAll('Chat')).length;
  const gameRow = (await v.db.get('Game', { id: 1 })) !== undefined;
  const cut = timeoutLine ? ` | ${timeoutLine.replace(/^\S+ \S+ /, '')}` : '';
  v.say(tr(`log: ${quote(v.ownLines(), 3)}${cut}`, `로그: ${quote(v.ownLines(), 3, 'ko')}${cut}`));
  v.say(
    tr(
      `Chat rows: ${chatRows}; Game row: ${gameRow ? 'yes' : 'no'}`,
      `Chat 행: ${chatRows}개; Game 행: ${gameRow ? '있음' : '없음'}`,
    ),
  );
  return {
    timedOut: timeoutLine !== '',
    timeoutLine: timeoutLine.replace(/^\S+ \S+ /, ''),
    chatRows,
    gameRow,
    clientGotError: reply !== undefined,
    reply: reply === undefined ? undefined : JSON.stringify(reply),
    lastLines: v.ownLines().slice(-2),
  };
}
