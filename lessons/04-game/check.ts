/**
 * Lesson 4 check: two real WebSocket players, speaking the 2019 Android client's protocol. One
 * sends `start!` and chats; the other answers the current word. Each step is one ✓/✗ line.
 */
import { attempt, Checklist } from '../runner/checklist.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { adminDb } from '../shared/admin-db.ts';
import { eventually, startLessonEmulator } from '../shared/emulator.ts';
import { loadModule } from '../shared/load.ts';
import { connectClient, isChat, isGameState, type TestClient } from '../shared/ws-client.ts';
import { buildStack } from './stack.ts';

interface GameModule {
  WORDS: string[];
  initialConsonants: (word: string) => string;
}

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loaded = await loadModule<GameModule>(ctx.codeDir, 'handler.ts', [
    'handler',
    'WORDS',
    'initialConsonants',
  ]);
  if (!loaded.ok) {
    list.fail('handler.ts loads and exports handler, WORDS, initialConsonants', loaded.detail, loaded.hint);
    return { items: list.items };
  }
  list.pass('handler.ts loads and exports handler, WORDS, initialConsonants');
  const { WORDS, initialConsonants } = loaded.module;
  const [first = '', second = ''] = WORDS;

  const emulator = await startLessonEmulator(buildStack(ctx.codeDir), {
    engine: ctx.engine,
    log: ctx.log,
    keepFiles: ctx.keep,
  });
  const db = adminDb(emulator.urls.dynamodb);
  const clients: TestClient[] = [];
  let keep = false;
  try {
    const players = await attempt(
      list,
      'two players connect',
      async () => {
        clients.push(await connectClient(emulator.urls.ws, '철수'));
        clients.push(await connectClient(emulator.urls.ws, '영희'));
        return clients;
      },
      'run `npm run lesson:3` first: connecting must work before the game can.',
    );
    if (!players) return { items: list.items, errors: emulator.errors() };
    list.pass('two players connect');
    const [a, b] = players as [TestClient, TestClient];

    a.send('start!');
    const state = await a.waitFor((f) => isGameState(f));
    list.expect(
      isGameState(state, initialConsonants(first)),
      `"start!" is answered with the game state (초성 ${initialConsonants(first)})`,
      state ? `got ${JSON.stringify(state)}` : 'nothing arrived',
      'after the MESSAGE branch, broadcast(event, await readGame()) answers anything that is not chat.',
    );
    list.expect(
      !(typeof state === 'object' && state !== null && 'username' in state && 'content' in state),
      'the game state is not mistaken for chat (no username + content)',
      'the state frame carries both username and content',
      'the 2019 client reads a frame with username and content as chat; send the Game row only.',
    );

    a.send({ username: '철수', content: '안녕하세요' });
    const seenByB = await b.waitFor((f) => isChat(f, '안녕하세요'));
    list.expect(
      seenByB !== undefined,
      "the other player sees 철수's chat",
      `영희 received ${describeFrames(b.received)}`,
      'TODO(chat): broadcast(event, chat) sends it to every connection in User.',
    );
    const saved = await eventually(async () =>
      (await db.scanAll('Chat')).some((row) => row.content === '안녕하세요' && row.username === '철수'),
    );
    list.expect(
      saved,
      'the chat is saved in Chat (timestamp, room, username, content)',
      'no matching row in Chat',
      "TODO(save): a PutCommand into Chat with timestamp new Date().toISOString() and room 'general'.",
    );

    b.send({ username: '영희', content: first });
    const next = initialConsonants(second);
    const moved = await a.waitFor((f) => isGameState(f, next));
    list.expect(
      moved !== undefined,
      `영희 answers "${first}" and both see the next 초성 ${next}`,
      `철수 saw ${describeFrames(a.received.filter((f) => isGameState(f)))}`,
      'TODO(answer), isAnswer and nextGame: a right answer saves the next word and the state is broadcast.',
    );
    const scorer = await eventually(async () =>
      (await db.scanAll('User')).some((row) => row.answerCnt === 1),
    );
    list.expect(
      scorer,
      '영희 scores a point (answerCnt 1 in User)',
      `User holds ${JSON.stringify(await db.scanAll('User'))}`,
      'addScore(connectionId) when the answer is right.',
    );

    if (scorer) {
      b.send({ username: '영희', content: first });
      const again = await eventually(
        async () => (await db.scanAll('User')).some((row) => row.answerCnt === 2),
        1500,
      );
      list.expect(
        !again,
        `answering "${first}" again scores nothing`,
        'the same word scored twice',
        'isAnswer compares with the current word only, and answered words are not accepted again.',
      );
    } else {
      // Without a first point, "no second point" would pass for a handler that never scores.
      list.fail(
        `answering "${first}" again scores nothing`,
        'cannot tell: the first answer did not score',
        'make a right answer score first; then this check can see a repeat.',
      );
    }

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

function describeFrames(frames: unknown[]): string {
  if (frames.length === 0) return 'nothing';
  return frames
    .slice(-3)
    .map((f) => JSON.stringify(f))
    .join(', ');
}
