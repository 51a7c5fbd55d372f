/**
 * Lesson 5 check: first the learner's functions on their own (a bank for a small dictionary, the
 * join frame), then the improved app seeded with that bank, played by four clients in two rooms.
 */
import { Checklist, describeError } from '../runner/checklist.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { startLessonEmulator } from '../shared/emulator.ts';
import { loadModule } from '../shared/load.ts';
import { connectClient, isChat, type TestClient } from '../shared/ws-client.ts';
import { buildStack } from './stack.ts';

interface Improvements {
  answersByPattern: (questions: string[], dictionary: string[]) => Map<string, Set<string>>;
  bankItems: (questions: string[], dictionary: string[]) => Record<string, unknown>[];
  joinMessage: (username: string, room: string) => string;
}

export const CHECK_QUESTIONS = ['사람', '바다'];
export const CHECK_DICTIONARY = ['사람', '사랑', '서랍', '소리', '바다', '보도', '고양이'];

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loaded = await loadModule<Improvements>(ctx.codeDir, 'improvements.ts', [
    'answersByPattern',
    'bankItems',
    'joinMessage',
  ]);
  if (!loaded.ok) {
    list.fail(
      'improvements.ts loads and exports answersByPattern, bankItems, joinMessage',
      loaded.detail,
      loaded.hint,
    );
    return { items: list.items };
  }
  list.pass('improvements.ts loads and exports answersByPattern, bankItems, joinMessage');
  const code = loaded.module;
  const bank = checkBank(list, code);
  const joinOk = checkJoinFrame(list, code);
  if (!bank || !joinOk) {
    list.fail(
      'the improved app plays with your word bank',
      'not started',
      'fix the ✗ lines above first; then the app runs with your bank.',
    );
    return { items: list.items };
  }
  return playTheApp(list, ctx, code, bank);
}

function checkBank(list: Checklist, code: Improvements): Record<string, unknown>[] | undefined {
  let patterns: Map<string, Set<string>>;
  try {
    patterns = code.answersByPattern(CHECK_QUESTIONS, CHECK_DICTIONARY);
  } catch (error) {
    list.fail('answersByPattern runs', describeError(error), 'run it by hand on the example in its comment.');
    return undefined;
  }
  const sr = [...(patterns.get('ㅅㄹ') ?? [])].sort();
  const ok = list.expect(
    sr.join() === ['사람', '사랑', '서랍', '소리'].sort().join(),
    'ㅅㄹ has every answer: 사람, 사랑, 서랍, 소리 (many answers per pattern)',
    `found ${sr.length ? sr.join(', ') : 'nothing'} for ㅅㄹ`,
    'group each dictionary word under initialConsonants(word), starting from the questions themselves.',
  );
  if (patterns.size > 0) {
    list.expect(
      !patterns.has('ㄱㅇㅇ'),
      'only the questions’ patterns are kept (no ㄱㅇㅇ for 고양이)',
      'ㄱㅇㅇ is in the map, but no question has that pattern',
      'skip words whose pattern belongs to no question; the bank would grow with the whole dictionary.',
    );
  }
  let items: Record<string, unknown>[];
  try {
    items = code.bankItems(CHECK_QUESTIONS, CHECK_DICTIONARY);
  } catch (error) {
    list.fail(
      'bankItems runs',
      describeError(error),
      'it should only build objects; nothing is written yet.',
    );
    return undefined;
  }
  const pattern = items.find((item) => item.key === 'pattern#ㅅㄹ');
  const itemsOk = list.expect(
    pattern?.words instanceof Set && pattern.words.has('사랑'),
    'bankItems has { key: "pattern#ㅅㄹ", words: Set {…사랑…} } (the word bank lives outside the code)',
    pattern
      ? `pattern#ㅅㄹ has words ${JSON.stringify(pattern.words)}`
      : `no pattern# items among ${items.length} items`,
    'add one item per entry of answersByPattern, keeping `words` a Set.',
  );
  return ok && itemsOk ? items : undefined;
}

function checkJoinFrame(list: Checklist, code: Improvements): boolean {
  let frame: unknown;
  try {
    frame = JSON.parse(code.joinMessage('철수', 'lesson5'));
  } catch {
    frame = undefined;
  }
  const f = (frame ?? {}) as Record<string, unknown>;
  return list.expect(
    f.action === 'join' && f.username === '철수' && f.room === 'lesson5',
    'joinMessage("철수", "lesson5") is {"action":"join","username":"철수","room":"lesson5"}',
    `it returns ${JSON.stringify(code.joinMessage('철수', 'lesson5'))}`,
    'JSON.stringify an object with action "join"; the gateway routes on $request.body.action.',
  );
}

async function playTheApp(
  list: Checklist,
  ctx: CheckContext,
  code: Improvements,
  bank: Record<string, unknown>[],
): Promise<CheckOutcome> {
  const emulator = await startLessonEmulator(buildStack(bank), {
    engine: ctx.engine,
    log: ctx.log,
    keepFiles: ctx.keep,
  });
  const clients: TestClient[] = [];
  let keep = false;
  const enter = async (name: string, room: string) => {
    const client = await connectClient(emulator.urls.ws, name);
    clients.push(client);
    client.send(code.joinMessage(name, room));
    return { client, joined: (await client.waitFor(isJoined)) as Joined | undefined };
  };
  try {
    const a = await enter('철수', 'lesson5');
    list.expect(
      a.joined?.game?.nowConsonant === 'ㅅㄹ',
      'joining answers at once with the room’s game (ㅅㄹ): no start!, no extra screen',
      a.joined ? `joined with ${JSON.stringify(a.joined.game)}` : `got ${JSON.stringify(a.client.received)}`,
      'the app replies to {"action":"join"} on the join route; check joinMessage and the question#0 item.',
    );
    const b = await enter('영희', 'lesson5');
    const c = await enter('민수', 'other');

    a.client.send({ content: '안녕' });
    const heard = await b.client.waitFor((f) => isChat(f, '안녕'));
    const leaked = await c.client.waitFor((f) => isChat(f, '안녕'), 1000);
    list.expect(
      heard !== undefined && leaked === undefined,
      'chat stays in its room: 영희 hears 철수, 민수 in "other" does not',
      heard ? '민수 received it too' : '영희 never received it',
      'rooms come from the join frame: the same room for 철수 and 영희, another for 민수.',
    );

    b.client.send({ content: '사랑' });
    const moved = (await a.client.waitFor((f) => isGame(f) && f.nowConsonant === 'ㅂㄷ')) as
      | GameFrame
      | undefined;
    list.expect(
      moved?.lastAnswer?.word === '사랑',
      '사랑 is accepted for ㅅㄹ although the question was 사람, and the game moves to ㅂㄷ',
      moved ? JSON.stringify(moved) : `철수 saw ${JSON.stringify(a.client.received.filter(isGame))}`,
      'the app accepts every word in pattern#ㅅㄹ: check that 사랑 is in the Set bankItems writes.',
    );

    const d = await enter('지수', 'lesson5');
    const score = d.joined?.scores?.find((s) => s.username === '영희');
    list.expect(
      score?.answerCnt === 1,
      'a newcomer sees the scores at once: 영희 1',
      `scores ${JSON.stringify(d.joined?.scores)}`,
      'scores come from answerCnt in User; the join reply carries them.',
    );
    keep = ctx.keep;
    return {
      items: list.items,
      errors: emulator.errors(),
      ...(keep ? { kept: { urls: emulator.urls, stop: emulator.stop } } : {}),
    };
  } catch (error) {
    list.fail(
      'the improved app plays with your word bank',
      describeError(error),
      'the emulator log lines above say where it stopped.',
    );
    return { items: list.items };
  } finally {
    if (!keep) {
      for (const client of clients) await client.close();
      await emulator.stop();
    }
  }
}

interface GameFrame {
  type: 'game';
  nowConsonant: string;
  lastAnswer?: { username: string; word: string };
}

interface Joined {
  type: 'joined';
  game?: GameFrame;
  scores?: Array<{ username: string; answerCnt: number }>;
}

function isJoined(frame: unknown): boolean {
  return typeof frame === 'object' && frame !== null && (frame as { type?: unknown }).type === 'joined';
}

function isGame(frame: unknown): frame is GameFrame {
  return typeof frame === 'object' && frame !== null && (frame as { type?: unknown }).type === 'game';
}
