/**
 * Lesson 2 check: run the learner's createTables() against a fresh DynamoDB engine, then read the
 * tables back and compare names and keys with the workshop's, one ✓/✗ line per fact.
 */
import { DescribeTableCommand, ListTablesCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { attempt, Checklist, describeError } from '../runner/checklist.ts';
import { tr, withParticle } from '../runner/i18n.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { startCheckEngine } from '../shared/engine.ts';
import { loadModule } from '../shared/load.ts';
import { EXPECTED_TABLES, type ExpectedTable, TYPE_NAMES } from './expected.ts';
import { checkKeyDesign, type RoomChatModule } from './key-design.ts';

interface TablesModule {
  createTables: (client: unknown, log?: (line: string) => void) => Promise<void>;
}

const LOAD_LABEL = tr(
  'create-tables.ts loads and exports createTables',
  'create-tables.ts가 로드되고 createTables를 export함',
);
const CREATE_LABEL = tr('createTables() finishes without an error', 'createTables()가 오류 없이 끝남');

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loaded = await loadModule<TablesModule>(ctx.codeDir, 'create-tables.ts', ['createTables']);
  if (!loaded.ok) {
    list.fail(LOAD_LABEL, loaded.detail, loaded.hint);
    return { items: list.items };
  }
  list.pass(LOAD_LABEL);

  ctx.log(
    tr('starting a fresh DynamoDB engine for your tables…', '테이블을 만들 새 DynamoDB 엔진을 시작합니다…'),
  );
  const db = await startCheckEngine(ctx.engine, ctx.log);
  let keep = false;
  try {
    await attempt(
      list,
      CREATE_LABEL,
      async () => {
        await loaded.module.createTables(db.ddb, (line) =>
          ctx.log(tr(`your code: ${line}`, `여러분의 코드: ${line}`)),
        );
        list.pass(CREATE_LABEL);
      },
      tr(
        'the error comes from DynamoDB; it names the table and the field it did not accept.',
        'DynamoDB가 보낸 오류입니다. 받아들이지 않은 테이블과 필드를 알려 줍니다.',
      ),
    );
    const names = (await db.ddb.send(new ListTablesCommand({}))).TableNames ?? [];
    for (const expected of EXPECTED_TABLES) await checkTable(list, db.ddb, names, expected);
    await checkRoundTrip(list, db, names);
    const keyDesign = await loadModule<RoomChatModule>(ctx.codeDir, 'room-chat.ts', [
      'roomChatTable',
      'recentInRoom',
    ]);
    const keyLoad = tr(
      'room-chat.ts loads and exports roomChatTable, recentInRoom',
      'room-chat.ts가 로드되고 roomChatTable, recentInRoom을 export함',
    );
    if (keyDesign.ok) {
      list.pass(keyLoad);
      await checkKeyDesign(list, db.ddb, keyDesign.module);
    } else list.fail(keyLoad, keyDesign.detail, keyDesign.hint);
    keep = ctx.keep;
    return {
      items: list.items,
      ...(keep ? { kept: { urls: { dynamodb: db.engine.endpoint }, stop: db.stop } } : {}),
    };
  } finally {
    if (!keep) await db.stop();
  }
}

async function checkTable(
  list: Checklist,
  client: Parameters<typeof describeTable>[0],
  names: string[],
  expected: ExpectedTable,
): Promise<void> {
  const label = tr(`Table ${expected.name} exists`, `테이블 ${withParticle(expected.name, '이/가')} 있음`);
  if (!names.includes(expected.name)) {
    const sameButCase = names.find((n) => n.toLowerCase() === expected.name.toLowerCase());
    if (sameButCase) {
      list.fail(
        label,
        tr(`found \`${sameButCase}\` instead`, `대신 \`${sameButCase}\`이 있습니다`),
        tr(
          `table names are case-sensitive: the code looks for "${expected.name}".`,
          `테이블 이름은 대소문자를 구분합니다: 코드는 ${withParticle(`"${expected.name}"`, '을/를')} 찾습니다.`,
        ),
      );
    } else {
      list.fail(
        label,
        tr('no such table', '그런 테이블이 없습니다'),
        tr(
          `add a CreateTable entry for ${expected.name}; the workshop's step 2 names its partition key.`,
          `${expected.name}의 CreateTable 항목을 추가하세요. 워크숍 step 2에 파티션 키가 나옵니다.`,
        ),
      );
    }
    return;
  }
  list.pass(label);
  const table = await describeTable(client, expected.name);
  const keys = table?.KeySchema ?? [];
  const hash = keys.find((k) => k.KeyType === 'HASH');
  const keyLabel = tr(
    `Table ${expected.name}: partition key is \`${expected.key}\``,
    `테이블 ${expected.name}: 파티션 키가 \`${expected.key}\``,
  );
  if (hash?.AttributeName !== expected.key) {
    const found = hash?.AttributeName ?? 'none';
    const hint =
      found.toLowerCase() === expected.key.toLowerCase()
        ? tr(
            `keys are case-sensitive: the code reads \`${expected.key}\`, not \`${found}\`. Delete the table and create it again.`,
            `키는 대소문자를 구분합니다: 코드는 \`${found}\`이 아니라 \`${expected.key}\`을 읽습니다. 테이블을 지우고 다시 만드세요.`,
          )
        : tr(
            `the workshop keys ${expected.name} by \`${expected.key}\`; a table's key cannot be changed, so create it with that key.`,
            `워크숍은 ${expected.name}의 키로 \`${expected.key}\`을 씁니다. 테이블의 키는 바꿀 수 없으니 그 키로 만드세요.`,
          );
    list.fail(keyLabel, tr(`found \`${found}\``, `찾은 키: \`${found}\``), hint);
  } else list.pass(keyLabel);
  const range = keys.find((k) => k.KeyType === 'RANGE');
  list.expect(
    range === undefined,
    tr(`Table ${expected.name}: no sort key`, `테이블 ${expected.name}: 정렬 키 없음`),
    tr(`found sort key \`${range?.AttributeName}\``, `정렬 키 \`${range?.AttributeName}\`이 있습니다`),
    tr(
      'the workshop tables have a partition key only; every read in lessons 3–4 gives just that key.',
      '워크숍 테이블에는 파티션 키만 있습니다. 3–4강의 읽기는 모두 그 키 하나만 줍니다.',
    ),
  );
  if (hash?.AttributeName !== expected.key) return;
  const type =
    table?.AttributeDefinitions?.find((d) => d.AttributeName === expected.key)?.AttributeType ?? '?';
  list.expect(
    type === expected.type,
    tr(
      `Table ${expected.name}: key \`${expected.key}\` is type ${TYPE_NAMES[expected.type]}`,
      `테이블 ${expected.name}: 키 \`${expected.key}\`의 타입이 ${TYPE_NAMES[expected.type]}`,
    ),
    tr(`found ${TYPE_NAMES[type] ?? type}`, `찾은 타입: ${TYPE_NAMES[type] ?? type}`),
    tr(
      `the type is set in AttributeDefinitions — ${expected.why.en}.`,
      `타입은 AttributeDefinitions에서 정합니다 — ${expected.why.ko}.`,
    ),
  );
}

async function describeTable(
  client: { send: (command: DescribeTableCommand) => Promise<{ Table?: TableDescription }> },
  name: string,
): Promise<TableDescription | undefined> {
  return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
}

/** The rows lessons 3 and 4 write, written and read back: a key type mistake shows here as on AWS. */
async function checkRoundTrip(
  list: Checklist,
  db: Awaited<ReturnType<typeof startCheckEngine>>,
  names: string[],
): Promise<void> {
  if (!EXPECTED_TABLES.every((t) => names.includes(t.name))) return;
  const label = tr(
    "the workshop's rows fit: User {connectionId}, Chat {timestamp}, Game {id: 1}",
    '워크숍의 행이 들어감: User {connectionId}, Chat {timestamp}, Game {id: 1}',
  );
  try {
    await db.doc.send(
      new PutCommand({ TableName: 'User', Item: { connectionId: 'lesson2-check', answerCnt: 0 } }),
    );
    const timestamp = new Date().toISOString();
    await db.doc.send(
      new PutCommand({
        TableName: 'Chat',
        Item: { timestamp, room: 'general', username: 'check', content: '안녕' },
      }),
    );
    await db.doc.send(
      new PutCommand({
        TableName: 'Game',
        Item: { id: 1, nowWordIdx: 0, answeredWords: ', ', nowConsonant: 'ㄱㅇㅈ' },
      }),
    );
    const game = await db.doc.send(new GetCommand({ TableName: 'Game', Key: { id: 1 } }));
    list.expect(
      game.Item?.nowConsonant === 'ㄱㅇㅈ',
      label,
      tr('the Game row did not read back', 'Game 행을 다시 읽지 못했습니다'),
      tr('check the Game key type.', 'Game 키의 타입을 확인하세요.'),
    );
  } catch (error) {
    list.fail(
      label,
      describeError(error),
      tr(
        'DynamoDB refused a row the workshop code writes: compare the key names and types above.',
        'DynamoDB가 워크숍 코드가 쓰는 행을 거부했습니다: 위의 키 이름과 타입을 비교해 보세요.',
      ),
    );
  }
}
