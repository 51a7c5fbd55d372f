/**
 * Lesson 5 check: first the learner's functions on their own (a bank for a small dictionary, the
 * join frame), then the improved app seeded with that bank, played by four clients in two rooms.
 */
import { questionIndexAt } from '../../lambda/src/rules/shuffle.ts';
import { Checklist, describeError } from '../runner/checklist.ts';
import { tr } from '../runner/i18n.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { startLessonEmulator } from '../shared/emulator.ts';
import { startCheckEngine } from '../shared/engine.ts';
import { loadModule } from '../shared/load.ts';
import { connectClient, isChat, type TestClient } from '../shared/ws-client.ts';
import { checkRealParts, type StoreModule } from './real-parts.ts';
import { buildStack } from './stack.ts';

interface Improvements {
  answersByPattern: (questions: string[], dictionary: string[]) => Map<string, Set<string>>;
  bankItems: (questions: string[], dictionary: string[]) => Record<string, unknown>[];
  joinMessage: (username: string, room: string) => string;
}

export const CHECK_QUESTIONS = ['사람', '바다'];
export const CHECK_DICTIONARY = ['사람', '사랑', '서랍', '소리', '바다', '보도', '고양이'];

const LOAD_LABEL = tr(
  'improvements.ts loads and exports answersByPattern, bankItems, joinMessage',
  'improvements.ts가 로드되고 answersByPattern, bankItems, joinMessage를 export함',
);

/** Part 2: store.ts's conditional update, index Query and pagination, on a fresh engine. */
async function checkStore(list: Checklist, ctx: CheckContext): Promise<boolean> {
  const label = tr(
    'store.ts loads and exports claimWord, roomScores',
    'store.ts가 로드되고 claimWord, roomScores를 export함',
  );
  const loaded = await loadModule<StoreModule>(ctx.codeDir, 'store.ts', ['claimWord', 'roomScores']);
  if (!loaded.ok) {
    list.fail(label, loaded.detail, loaded.hint);
    return false;
  }
  list.pass(label);
  const before = list.failures.length;
  ctx.log(
    tr(
      'starting a fresh DynamoDB engine with the app’s tables for store.ts…',
      'store.ts를 위해 앱 테이블이 있는 새 DynamoDB 엔진을 시작합니다…',
    ),
  );
  const db = await startCheckEngine(ctx.engine, ctx.log);
  try {
    await checkRealParts(list, db.ddb, loaded.module);
  } finally {
    await db.stop();
  }
  return list.failures.length === before;
}

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loaded = await loadModule<Improvements>(ctx.codeDir, 'improvements.ts', [
    'answersByPattern',
    'bankItems',
    'joinMessage',
  ]);
  if (!loaded.ok) {
    list.fail(LOAD_LABEL, loaded.detail, loaded.hint);
    return { items: list.items };
  }
  list.pass(LOAD_LABEL);
  const code = loaded.module;
  const bank = checkBank(list, code);
  const joinOk = checkJoinFrame(list, code);
  const partsOk = await checkStore(list, ctx);
  if (!bank || !joinOk || !partsOk) {
    list.fail(
      tr('the improved app plays with your word bank', '개선된 앱이 여러분의 단어장으로 돌아감'),
      tr('not started', '시작하지 않음'),
      tr(
        'fix the ✗ lines above first; then the app runs with your bank.',
        '먼저 위의 ✗ 줄을 고치세요. 그러면 앱이 여러분의 단어장으로 돌아갑니다.',
      ),
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
    list.fail(
      tr('answersByPattern runs', 'answersByPattern이 실행됨'),
      describeError(error),
      tr('run it by hand on the example in its comment.', '주석의 예로 직접 실행해 보세요.'),
    );
    return undefined;
  }
  const sr = [...(patterns.get('ㅅㄹ') ?? [])].sort();
  const ok = list.expect(
    sr.join() === ['사람', '사랑', '서랍', '소리'].sort().join(),
    tr(
      'ㅅㄹ has every answer: 사람, 사랑, 서랍, 소리 (many answers per pattern)',
      'ㅅㄹ에 모든 정답이 있음: 사람, 사랑, 서랍, 소리 (패턴마다 정답 여럿)',
    ),
    tr(
      `found ${sr.length ? sr.join(', ') : 'nothing'} for ㅅㄹ`,
      `ㅅㄹ에 찾은 것: ${sr.length ? sr.join(', ') : '없음'}`,
    ),
    tr(
      'group each dictionary word under its 초성 pattern, starting from the questions themselves.',
      '사전의 단어를 초성 패턴별로 묶으세요. 문제 단어부터 시작합니다.',
    ),
  );
  if (patterns.size > 0) {
    list.expect(
      !patterns.has('ㄱㅇㅇ'),
      tr(
        'only the questions’ patterns are kept (no ㄱㅇㅇ for 고양이)',
        '문제의 패턴만 남음 (고양이의 ㄱㅇㅇ은 없음)',
      ),
      tr(
        'ㄱㅇㅇ is in the map, but no question has that pattern',
        'ㄱㅇㅇ이 맵에 있지만 그 패턴의 문제는 없습니다',
      ),
      tr(
        'skip words whose pattern belongs to no question; the bank would grow with the whole dictionary.',
        '어떤 문제에도 속하지 않는 패턴의 단어는 건너뛰세요. 아니면 단어장이 사전 전체만큼 커집니다.',
      ),
    );
  }
  let items: Record<string, unknown>[];
  try {
    items = code.bankItems(CHECK_QUESTIONS, CHECK_DICTIONARY);
  } catch (error) {
    list.fail(
      tr('bankItems runs', 'bankItems가 실행됨'),
      describeError(error),
      tr(
        'it should only build objects; nothing is written yet.',
        '객체만 만들면 됩니다. 아직 아무것도 쓰지 않습니다.',
      ),
    );
    return undefined;
  }
  const pattern = items.find((item) => item.key === 'pattern#ㅅㄹ');
  const itemsOk = list.expect(
    pattern?.words instanceof Set && pattern.words.has('사랑'),
    tr(
      'bankItems has { key: "pattern#ㅅㄹ", words: Set {…사랑…} } (the word bank lives outside the code)',
      'bankItems에 { key: "pattern#ㅅㄹ", words: Set {…사랑…} }이 있음 (단어장은 코드 밖에 둠)',
    ),
    pattern
      ? tr(
          `pattern#ㅅㄹ has words ${JSON.stringify(pattern.words)}`,
          `pattern#ㅅㄹ의 words: ${JSON.stringify(pattern.words)}`,
        )
      : tr(
          `no pattern# items among ${items.length} items`,
          `항목 ${items.length}개 중 pattern# 항목이 없습니다`,
        ),
    tr(
      'one item per entry of answersByPattern, with `words` kept a Set.',
      'answersByPattern의 항목마다 하나씩, `words`는 Set으로.',
    ),
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
    tr(
      'joinMessage("철수", "lesson5") is {"action":"join","username":"철수","room":"lesson5"}',
      'joinMessage("철수", "lesson5")가 {"action":"join","username":"철수","room":"lesson5"}',
    ),
    tr(
      `it returns ${JSON.stringify(code.joinMessage('철수', 'lesson5'))}`,
      `돌려준 값: ${JSON.stringify(code.joinMessage('철수', 'lesson5'))}`,
    ),
    tr(
      'the gateway routes on $request.body.action: the frame is JSON whose action is "join".',
      '게이트웨이는 $request.body.action으로 라우팅합니다: 프레임은 action이 "join"인 JSON입니다.',
    ),
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
  });
  const clients: TestClient[] = [];
  let keep = false;
  const enter = async (name: string, room: string) => {
    const client = await connectClient(emulator.urls.ws, name);
    clients.push(client);
    client.send(code.joinMessage(name, room));
    return { client, joined: (await client.waitFor(isJoined)) as Joined | undefined };
  };
  // Each room asks the bank in its own shuffled order (lambda/src/rules/shuffle.ts); this room's
  // starts with the bank's first two questions, so the check knows what 철수 must see.
  const room = roomAskingFirst(questionCountOf(bank));
  try {
    const a = await enter('철수', room);
    list.expect(
      a.joined?.game?.nowConsonant === 'ㅅㄹ',
      tr(
        'joining answers at once with the room’s game (ㅅㄹ): no start!, no extra screen',
        '입장하자마자 방의 게임(ㅅㄹ)을 받음: start! 없이, 추가 화면 없이',
      ),
      a.joined
        ? tr(
            `joined with ${JSON.stringify(a.joined.game)}`,
            `입장 응답의 게임: ${JSON.stringify(a.joined.game)}`,
          )
        : tr(`got ${JSON.stringify(a.client.received)}`, `받은 것: ${JSON.stringify(a.client.received)}`),
      tr(
        'the app replies to {"action":"join"} on the join route; check joinMessage and the question#0 item.',
        '앱은 join 라우트에서 {"action":"join"}에 답합니다. joinMessage와 question#0 항목을 확인하세요.',
      ),
    );
    const b = await enter('영희', room);
    const c = await enter('민수', 'other');

    a.client.send({ content: '안녕' });
    const heard = await b.client.waitFor((f) => isChat(f, '안녕'));
    const leaked = await c.client.waitFor((f) => isChat(f, '안녕'), 1000);
    list.expect(
      heard !== undefined && leaked === undefined,
      tr(
        'chat stays in its room: 영희 hears 철수, 민수 in "other" does not',
        '채팅은 그 방 안에만: 영희는 철수의 말을 듣고, "other" 방의 민수는 못 들음',
      ),
      heard
        ? tr('민수 received it too', '민수도 받았습니다')
        : tr('영희 never received it', '영희가 받지 못했습니다'),
      tr(
        'rooms come from the join frame: the same room for 철수 and 영희, another for 민수.',
        '방은 join 프레임에서 정해집니다: 철수와 영희는 같은 방, 민수는 다른 방.',
      ),
    );

    b.client.send({ content: '사랑' });
    const moved = (await a.client.waitFor((f) => isGame(f) && f.nowConsonant === 'ㅂㄷ')) as
      | GameFrame
      | undefined;
    list.expect(
      moved?.lastAnswer?.word === '사랑',
      tr(
        '사랑 is accepted for ㅅㄹ although the question was 사람, and the game moves to ㅂㄷ',
        '문제는 사람이었지만 ㅅㄹ의 답으로 사랑도 인정되고, 게임이 ㅂㄷ로 넘어감',
      ),
      moved
        ? JSON.stringify(moved)
        : tr(
            `철수 saw ${JSON.stringify(a.client.received.filter(isGame))}`,
            `철수가 본 것: ${JSON.stringify(a.client.received.filter(isGame))}`,
          ),
      tr(
        'the app accepts every word in pattern#ㅅㄹ: check that 사랑 is in the Set bankItems writes.',
        '앱은 pattern#ㅅㄹ의 모든 단어를 받아 줍니다. bankItems가 쓰는 Set에 사랑이 있는지 확인하세요.',
      ),
    );

    const d = await enter('지수', room);
    const score = d.joined?.scores?.find((s) => s.username === '영희');
    list.expect(
      score?.answerCnt === 1,
      tr('a newcomer sees the scores at once: 영희 1', '새로 들어온 사람이 점수를 바로 봄: 영희 1'),
      tr(`scores ${JSON.stringify(d.joined?.scores)}`, `점수: ${JSON.stringify(d.joined?.scores)}`),
      tr(
        'scores are kept per player of the room (the Player table) and the join reply carries them.',
        '점수는 방의 플레이어마다 (Player 테이블) 저장되고, join 응답에 함께 실립니다.',
      ),
    );
    keep = ctx.keep;
    return {
      items: list.items,
      errors: emulator.errors(),
      ...(keep ? { kept: { urls: emulator.urls, stop: emulator.stop } } : {}),
    };
  } catch (error) {
    list.fail(
      tr('the improved app plays with your word bank', '개선된 앱이 여러분의 단어장으로 돌아감'),
      describeError(error),
      tr(
        'the emulator log lines above say where it stopped.',
        '위의 에뮬레이터 로그 줄이 어디서 멈췄는지 알려 줍니다.',
      ),
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

/** The bank's question count, as the app reads it (the `meta` item bankItems writes). */
function questionCountOf(bank: Record<string, unknown>[]): number {
  const count = bank.find((item) => item.key === 'meta')?.questionCount;
  return typeof count === 'number' && count > 0 ? count : 1;
}

/** A room whose shuffled order asks question 0, then question 1: `lesson5`, else `lesson5-N`. */
function roomAskingFirst(count: number): string {
  for (let n = 0; n < 1000; n++) {
    const room = n === 0 ? 'lesson5' : `lesson5-${n}`;
    if (count < 2 || (questionIndexAt(room, 0, count) === 0 && questionIndexAt(room, 1, count) === 1))
      return room;
  }
  return 'lesson5';
}
