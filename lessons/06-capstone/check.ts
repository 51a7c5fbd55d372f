/**
 * Lesson 6 check, the capstone: the learner's lesson 1 policy, lesson 3 connection handler and
 * lesson 4 game handler run together as one function, as the workshop had it; two players of the
 * 2019 protocol play a round; and `osls package` builds what a deploy would send. With `--keep`
 * the stack stays up with the web client, to play in the browser.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PolicyDocument } from '../../emulator/stack.ts';
import { check as checkLessonOne } from '../01-iam/check.ts';
import { Checklist, describeError, SEE_REPORT } from '../runner/checklist.ts';
import { floatingPromiseItems } from '../runner/floating-promises.ts';
import { tr } from '../runner/i18n.ts';
import { typecheckExercise } from '../runner/typecheck.ts';
import type { CheckContext, CheckOutcome, FixPlace } from '../runner/types.ts';
import { adminDb } from '../shared/admin-db.ts';
import { startLessonEmulator } from '../shared/emulator.ts';
import { loadModule } from '../shared/load.ts';
import { FUNCTION_NAME, workshopStack } from '../shared/workshop-stack.ts';
import { CONNECT_TIMEOUT_MS, connectClient, isGameState, type TestClient } from '../shared/ws-client.ts';
import { learnerParts, writeEntry } from './compose.ts';
import { oslsPackage } from './package-check.ts';

const FRAME_GRACE_MS = 2000;

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const parts = learnerParts(ctx.variant);

  // 1. The role: lesson 1's own check on the learner's policy.
  // The code checked here is the learner's lessons 1, 3 and 4: a ✗ is fixed in those folders.
  const lessonOneDir = { lesson: 1, dir: dirname(parts.policyFile) };
  const handlerDirs = [
    { lesson: 3, dir: dirname(parts.connectionFile) },
    { lesson: 4, dir: dirname(parts.gameFile) },
  ];
  const quiet = { ...ctx, log: () => {} };
  const lessonOne = await checkLessonOne({ ...quiet, codeDir: dirname(parts.policyFile) });
  const failedOne = lessonOne.items.filter((item) => !item.ok).length;
  const policyOk = list.expect(
    failedOne === 0,
    tr('your lesson 1 policy passes lesson 1', '1강의 정책이 1강을 통과함'),
    tr(`${failedOne} line(s) of lesson 1 fail`, `1강의 ${failedOne}줄이 실패합니다`),
    tr(
      'run npm run lesson:1 and fix its ✗ lines first: lesson 6 runs as that role.',
      '먼저 npm run lesson:1의 ✗ 줄을 고치세요: 6강은 그 역할로 돌아갑니다.',
    ),
  );
  if (!policyOk) return notStarted(list, [lessonOneDir]);
  const loaded = await loadModule<{ policy: PolicyDocument }>(dirname(parts.policyFile), 'policy.ts', [
    'policy',
  ]);
  if (!loaded.ok) return notStarted(list, [lessonOneDir]);
  const policy = loaded.module.policy;

  // 2. One function made of lessons 3 and 4, type-checked together.
  const composed = writeEntry(parts);
  try {
    const typed = await typecheckExercise(composed.dir, ctx.lang, {
      floatingIn: [parts.connectionFile, parts.gameFile],
    });
    const typeOk = list.expect(
      typed.ok,
      tr(
        'lessons 3 and 4 type-check together as one function',
        '3강과 4강이 한 함수로 함께 타입 검사를 통과함',
      ),
      typed.ok ? '' : typed.problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; ') || typed.raw,
      tr(
        'npm run lesson:3 and npm run lesson:4 show the same errors with their lines.',
        'npm run lesson:3, npm run lesson:4가 같은 오류를 줄 번호와 함께 보여 줍니다.',
      ),
    );
    if (!typeOk) return notStarted(list, handlerDirs);
    if (typed.ok)
      list.items.push(...floatingPromiseItems(typed.floating, process.cwd(), typed.floatingError));
    const played = await playAndPackage(list, ctx, composed.entry, policy, () =>
      rmSync(composed.dir, { recursive: true, force: true }),
    );
    return { ...played, fixIn: [lessonOneDir, ...handlerDirs] };
  } catch (error) {
    rmSync(composed.dir, { recursive: true, force: true });
    throw error;
  }
}

function notStarted(list: Checklist, fixIn: FixPlace[]): CheckOutcome {
  list.fail(
    tr('the whole game runs under your role', '게임 전체가 여러분의 역할로 돌아감'),
    tr('not started', '시작하지 않음'),
    tr('fix the ✗ lines above first.', '먼저 위의 ✗ 줄을 고치세요.'),
  );
  return { items: list.items, fixIn };
}

async function playAndPackage(
  list: Checklist,
  ctx: CheckContext,
  entry: string,
  policy: PolicyDocument,
  cleanUp: () => void,
): Promise<CheckOutcome> {
  const stack = workshopStack({
    name: 'lesson-06-capstone',
    entry,
    routes: ['$connect', '$disconnect', '$default'],
    policy,
  });
  const emulator = await startLessonEmulator(stack, {
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
    const label = tr(
      'a round under your role: two players join, "start!" shows the 초성, a right answer scores and moves the game',
      '여러분의 역할로 한 판: 두 사람이 들어오고, "start!"에 초성이 보이고, 정답이 점수를 얻고 게임을 넘김',
    );
    try {
      clients.push(await connectClient(emulator.urls.ws, '철수', CONNECT_TIMEOUT_MS));
      clients.push(await connectClient(emulator.urls.ws, '영희', CONNECT_TIMEOUT_MS));
    } catch (error) {
      list.fail(label, describeError(error), SEE_REPORT);
      return { items: list.items, errors: emulator.errors() };
    }
    const [a, b] = clients as [TestClient, TestClient];
    await sendAndWait(a, 'start!');
    const state = (await a.waitFor((f) => isGameState(f), FRAME_GRACE_MS)) as
      | { nowConsonant?: string }
      | undefined;
    await sendAndWait(b, { username: '영희', content: '사과' });
    const moved = await a.waitFor((f) => isGameState(f, 'ㅂㄴㄴ'), FRAME_GRACE_MS);
    const users = await db.scanAll('User');
    const denied = (await emulator.logMessages(FUNCTION_NAME)).filter((m) =>
      /AccessDenied|not authorized|ForbiddenException/.test(m),
    );
    list.expect(
      users.length === 2 &&
        state?.nowConsonant === 'ㅅㄱ' &&
        moved !== undefined &&
        users.some((u) => u.answerCnt === 1) &&
        denied.length === 0,
      label,
      tr(
        `User rows ${users.length}, first state ${JSON.stringify(state)}, next 초성 ${moved ? 'seen' : 'not seen'}, scores ${JSON.stringify(users.map((u) => u.answerCnt))}, denials ${denied.length}`,
        `User 행 ${users.length}개, 첫 상태 ${JSON.stringify(state)}, 다음 초성 ${moved ? '보임' : '안 보임'}, 점수 ${JSON.stringify(users.map((u) => u.answerCnt))}, 거부 ${denied.length}건`,
      ),
      tr(
        'each part passed its own lesson; together a denial means the policy misses a call the handlers make (the report below names it).',
        '각 부분은 자기 수업을 통과했습니다. 함께 돌 때 거부가 있다면 정책이 핸들러가 하는 호출을 빠뜨린 것입니다 (아래 보고가 알려 줍니다).',
      ),
    );

    ctx.log(
      tr(
        'running osls package on your stack, as a deploy would…',
        '배포처럼 여러분의 스택에 osls package를 실행합니다…',
      ),
    );
    const packaged = await oslsPackage(entry, policy);
    const resources = Object.values(packaged.template?.Resources ?? {});
    const fn = resources.find((r) => r.Type === 'AWS::Lambda::Function')?.Properties ?? {};
    const routes = resources
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => String(r.Properties.RouteKey))
      .sort();
    const role = resources.find((r) => r.Type === 'AWS::IAM::Role')?.Properties as
      | { Policies?: Array<{ PolicyDocument: PolicyDocument }> }
      | undefined;
    const tables = resources.filter((r) => r.Type === 'AWS::DynamoDB::Table').length;
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    list.expect(
      packaged.ok &&
        fn.Timeout === 30 &&
        fn.FunctionName === FUNCTION_NAME &&
        JSON.stringify(routes) === JSON.stringify(['$connect', '$default', '$disconnect']) &&
        JSON.stringify(role?.Policies?.[0]?.PolicyDocument.Statement) === JSON.stringify(statements) &&
        tables === 3,
      tr(
        'osls package builds the deployment: one function (30 s), three routes, three tables, your policy on its role',
        'osls package가 배포물을 만듦: 함수 하나 (30초), 경로 셋, 테이블 셋, 역할에 여러분의 정책',
      ),
      packaged.ok
        ? tr(
            `template: timeout ${String(fn.Timeout)}, routes ${routes.join(' ')}, ${tables} tables`,
            `템플릿: 제한 시간 ${String(fn.Timeout)}, 경로 ${routes.join(' ')}, 테이블 ${tables}개`,
          )
        : packaged.output.split('\n').slice(-6).join(' | '),
      tr(
        'the output above is what osls said; it names the part it could not build.',
        '위 출력은 osls가 한 말입니다. 만들지 못한 부분을 알려 줍니다.',
      ),
    );
    keep = ctx.keep;
    return {
      items: list.items,
      errors: emulator.errors(),
      ...(keep
        ? {
            kept: {
              urls: emulator.urls,
              stop: async () => {
                await emulator.stop();
                cleanUp();
              },
            },
          }
        : {}),
    };
  } finally {
    for (const client of clients) await client.close();
    db.close();
    if (!keep) {
      await emulator.stop();
      cleanUp();
    }
  }
}
