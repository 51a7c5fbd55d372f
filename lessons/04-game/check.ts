/**
 * Lesson 4 check. First the pure rules (isAnswer, nextGame) on a table of cases, then two real
 * WebSocket players speaking the 2019 Android client's protocol: one sends `start!` and chats,
 * the other answers the current word, and a connection that is gone tests the 410 handling.
 * Each message is judged when its invocation has ended (Lambda's END line): rows are read at that
 * moment, and frames must arrive shortly after, so a missing await fails on every run.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Checklist, SEE_REPORT } from '../runner/checklist.ts';
import { tr, withParticle } from '../runner/i18n.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { adminDb } from '../shared/admin-db.ts';
import { startLessonEmulator } from '../shared/emulator.ts';
import { loadModule } from '../shared/load.ts';
import { FUNCTION_NAME } from '../shared/workshop-stack.ts';
import {
  CONNECT_TIMEOUT_MS,
  connectClient,
  isChat,
  isGameState,
  type TestClient,
} from '../shared/ws-client.ts';
import { checkRules, type GameRules } from './cases.ts';
import { buildStack } from './stack.ts';

/** Frames posted before the invocation ended are on the wire; this is the time they get to arrive. */
const FRAME_GRACE_MS = 2000;
/** A connection id the gateway has never seen: posting to it answers 410 Gone. */
export const GONE_CONNECTION = 'R29uZUNvbm5lY3Rpb24=';

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loadLabel = tr(
    'handler.ts loads and exports handler, WORDS, initialConsonants, isAnswer, nextGame',
    'handler.ts가 로드되고 handler, WORDS, initialConsonants, isAnswer, nextGame을 export함',
  );
  const loaded = await loadModule<GameRules>(ctx.codeDir, 'handler.ts', [
    'handler',
    'WORDS',
    'initialConsonants',
    'isAnswer',
    'nextGame',
  ]);
  if (!loaded.ok) {
    list.fail(loadLabel, loaded.detail, loaded.hint);
    return { items: list.items };
  }
  list.pass(loadLabel);
  const rules = loaded.module;
  checkRules(list, rules);
  const { WORDS, initialConsonants } = rules;
  const [first = '', second = ''] = WORDS;

  const emulator = await startLessonEmulator(buildStack(ctx.codeDir), {
    engine: ctx.engine,
    log: ctx.log,
  });
  const db = adminDb(emulator.urls.dynamodb);
  const clients: TestClient[] = [];
  let keep = false;
  /** Sends one message and resolves when the invocation it caused has ended. */
  const sendAndWait = (client: TestClient, data: string | object) =>
    emulator.invocations.afterNext(FUNCTION_NAME, () => client.send(data));
  try {
    const playersLabel = tr('two players connect', '플레이어 두 명이 연결됨');
    try {
      clients.push(await connectClient(emulator.urls.ws, '철수', CONNECT_TIMEOUT_MS));
      clients.push(await connectClient(emulator.urls.ws, '영희', CONNECT_TIMEOUT_MS));
    } catch (error) {
      list.fail(
        playersLabel,
        String((error as Error).message),
        tr(
          'run `npm run lesson:3` first: connecting must work before the game can.',
          '먼저 `npm run lesson:3`: 게임 전에 연결이 되어야 합니다.',
        ),
      );
      return { items: list.items, errors: emulator.errors() };
    }
    list.pass(playersLabel);
    const [a, b] = clients as [TestClient, TestClient];

    await sendAndWait(a, 'start!');
    const state = await a.waitFor((f) => isGameState(f), FRAME_GRACE_MS);
    list.expect(
      isGameState(state, initialConsonants(first)),
      tr(
        `"start!" is answered with the game state (초성 ${initialConsonants(first)})`,
        `"start!"에 게임 상태로 답함 (초성 ${initialConsonants(first)})`,
      ),
      state
        ? tr(`got ${JSON.stringify(state)}`, `받은 것: ${JSON.stringify(state)}`)
        : tr('nothing arrived', '아무것도 오지 않았습니다'),
      tr(
        'TODO(post) in broadcast: every message ends with the state broadcast; nothing reaches a client until the post is written (and awaited).',
        'broadcast의 TODO(post): 모든 메시지는 상태 방송으로 끝납니다. 보내기를 쓰고 await 해야 클라이언트에 닿습니다.',
      ),
    );
    list.expect(
      !(typeof state === 'object' && state !== null && 'username' in state && 'content' in state),
      tr(
        'the game state is not mistaken for chat (no username + content)',
        '게임 상태가 채팅으로 오해되지 않음 (username + content 없음)',
      ),
      tr(
        'the state frame carries both username and content',
        '상태 프레임에 username과 content가 둘 다 있습니다',
      ),
      tr(
        'the 2019 client reads a frame with username and content as chat; send the Game row only.',
        '2019 클라이언트는 username과 content가 있는 프레임을 채팅으로 읽습니다. Game 행만 보내세요.',
      ),
    );

    await sendAndWait(a, { username: '철수', content: '안녕하세요' });
    const seenByB = await b.waitFor((f) => isChat(f, '안녕하세요'), FRAME_GRACE_MS);
    const chatRows = await db.scanAll('Chat');
    list.expect(
      seenByB !== undefined,
      tr("the other player sees 철수's chat", '다른 플레이어가 철수의 채팅을 봄'),
      tr(`영희 received ${describeFrames(b.received)}`, `영희가 받은 것: ${describeFrames(b.received)}`),
      tr(
        'TODO(chat): the chat goes to every connection in User.',
        'TODO(chat): 채팅은 User의 모든 연결로 갑니다.',
      ),
    );
    list.expect(
      chatRows.some((row) => row.content === '안녕하세요' && row.username === '철수'),
      tr(
        'the chat is saved in Chat (timestamp, room, username, content)',
        '채팅이 Chat에 저장됨 (timestamp, room, username, content)',
      ),
      tr(
        `no matching row in Chat when the message's invocation ended (${chatRows.length} rows)`,
        `메시지의 호출이 끝난 시점에 Chat에 맞는 행이 없습니다 (${chatRows.length}행)`,
      ),
      tr(
        'TODO(save): a put into Chat, awaited before the handler returns.',
        'TODO(save): Chat에 넣기, 핸들러가 반환되기 전에 await.',
      ),
    );

    await sendAndWait(b, { username: '영희', content: first });
    const next = initialConsonants(second);
    const moved = await a.waitFor((f) => isGameState(f, next), FRAME_GRACE_MS);
    list.expect(
      moved !== undefined,
      tr(
        `영희 answers "${first}" and both see the next 초성 ${next}`,
        `영희가 ${withParticle(`"${first}"`, '을/를')} 맞히고 둘 다 다음 초성 ${withParticle(next, '을/를')} 봄`,
      ),
      tr(
        `철수 saw ${describeFrames(a.received.filter((f) => isGameState(f)))}`,
        `철수가 본 것: ${describeFrames(a.received.filter((f) => isGameState(f)))}`,
      ),
      tr(
        'TODO(answer): a right answer saves the next game before the state is broadcast.',
        'TODO(answer): 정답이면 상태를 방송하기 전에 다음 게임을 저장합니다.',
      ),
    );
    const users = await db.scanAll('User');
    const scorer = users.some((row) => row.answerCnt === 1);
    list.expect(
      scorer,
      tr('영희 scores a point (answerCnt 1 in User)', '영희가 1점을 얻음 (User의 answerCnt 1)'),
      tr(`User holds ${JSON.stringify(users)}`, `User의 내용: ${JSON.stringify(users)}`),
      tr(
        'TODO(answer): the sender of a right answer scores (addScore).',
        'TODO(answer): 정답을 보낸 사람이 점수를 얻습니다 (addScore).',
      ),
    );

    const againLabel = tr(
      `answering "${first}" again scores nothing`,
      `${withParticle(`"${first}"`, '을/를')} 다시 보내도 점수 없음`,
    );
    if (scorer) {
      await sendAndWait(b, { username: '영희', content: first });
      const after = await db.scanAll('User');
      list.expect(
        !after.some((row) => row.answerCnt === 2),
        againLabel,
        tr('the same word scored twice', '같은 단어로 두 번 점수를 얻었습니다'),
        tr(
          'isAnswer compares with the current word only (see the isAnswer lines above).',
          'isAnswer는 현재 단어와만 비교합니다 (위의 isAnswer 줄 참고).',
        ),
      );
    } else {
      // Without a first point, "no second point" would pass for a handler that never scores.
      list.fail(
        againLabel,
        tr('cannot tell: the first answer did not score', '판단할 수 없음: 첫 정답이 점수를 얻지 못했습니다'),
        tr(
          'make a right answer score first; then this check can see a repeat.',
          '먼저 정답이 점수를 얻게 하세요. 그래야 반복을 확인할 수 있습니다.',
        ),
      );
    }

    await checkGone(list, db, a, b, sendAndWait);

    keep = ctx.keep;
    return {
      items: list.items,
      errors: emulator.errors(),
      ...(keep ? { kept: { urls: emulator.urls, stop: emulator.stop } } : {}),
    };
  } finally {
    for (const client of clients) if (!keep) await client.close();
    db.close();
    if (!keep) await emulator.stop();
  }
}

/** A row for a client that left without a $disconnect: the next broadcast gets 410 for it. */
async function checkGone(
  list: Checklist,
  db: ReturnType<typeof adminDb>,
  a: TestClient,
  b: TestClient,
  sendAndWait: (client: TestClient, data: string | object) => Promise<boolean>,
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: 'User',
      Item: { connectionId: GONE_CONNECTION, answerCnt: 0 },
    }),
  );
  const ended = await sendAndWait(a, { username: '철수', content: '또 만나요' });
  const stillThere = (await db.get('User', { connectionId: GONE_CONNECTION })) !== undefined;
  list.expect(
    ended && !stillThere,
    tr(
      'a connection that is gone (410 GoneException) is removed from User',
      '사라진 연결 (410 GoneException)이 User에서 지워짐',
    ),
    tr(
      `the row ${GONE_CONNECTION} is still in User after a broadcast`,
      `방송 뒤에도 ${GONE_CONNECTION} 행이 User에 남아 있습니다`,
    ),
    tr(
      'TODO(gone): catch the post error; GoneException means the client is gone for good, so delete its row (and await it).',
      'TODO(gone): 보내기 오류를 잡으세요. GoneException은 클라이언트가 영영 떠났다는 뜻이니 그 행을 지우세요 (await도).',
    ),
  );
  const delivered = await b.waitFor((f) => isChat(f, '또 만나요'), FRAME_GRACE_MS);
  list.expect(
    delivered !== undefined,
    tr(
      'the live players still get the chat when one connection is gone',
      '연결 하나가 사라져도 남은 플레이어는 채팅을 받음',
    ),
    tr(`영희 received ${describeFrames(b.received)}`, `영희가 받은 것: ${describeFrames(b.received)}`),
    SEE_REPORT,
  );
}

function describeFrames(frames: unknown[]): string {
  if (frames.length === 0) return '[]';
  return frames
    .slice(-3)
    .map((f) => JSON.stringify(f))
    .join(', ');
}
