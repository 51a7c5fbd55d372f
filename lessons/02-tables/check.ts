/**
 * Lesson 2 check: run the learner's createTables() against a fresh DynamoDB engine, then read the
 * tables back and compare names and keys with the workshop's, one ✓/✗ line per fact.
 */
import { DescribeTableCommand, ListTablesCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { attempt, Checklist, describeError } from '../runner/checklist.ts';
import type { CheckContext, CheckOutcome } from '../runner/types.ts';
import { startCheckEngine } from '../shared/engine.ts';
import { loadModule } from '../shared/load.ts';
import { EXPECTED_TABLES, type ExpectedTable, TYPE_NAMES } from './expected.ts';

interface TablesModule {
  createTables: (client: unknown, log?: (line: string) => void) => Promise<void>;
}

export async function check(ctx: CheckContext): Promise<CheckOutcome> {
  const list = new Checklist();
  const loaded = await loadModule<TablesModule>(ctx.codeDir, 'create-tables.ts', ['createTables']);
  if (!loaded.ok) {
    list.fail('create-tables.ts loads and exports createTables', loaded.detail, loaded.hint);
    return { items: list.items };
  }
  list.pass('create-tables.ts loads and exports createTables');

  ctx.log('starting a fresh DynamoDB engine for your tables…');
  const db = await startCheckEngine(ctx.engine, ctx.log);
  let keep = false;
  try {
    await attempt(
      list,
      'createTables() finishes without an error',
      async () => {
        await loaded.module.createTables(db.ddb, (line) => ctx.log(`your code: ${line}`));
        list.pass('createTables() finishes without an error');
      },
      'the error above comes from DynamoDB; it names the table and the field it did not accept.',
    );
    const names = (await db.ddb.send(new ListTablesCommand({}))).TableNames ?? [];
    for (const expected of EXPECTED_TABLES) await checkTable(list, db.ddb, names, expected);
    await checkRoundTrip(list, db, names);
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
  const label = `Table ${expected.name} exists`;
  if (!names.includes(expected.name)) {
    const sameButCase = names.find((n) => n.toLowerCase() === expected.name.toLowerCase());
    if (sameButCase) {
      list.fail(
        label,
        `found \`${sameButCase}\` instead`,
        `table names are case-sensitive: the code looks for "${expected.name}".`,
      );
    } else {
      list.fail(
        label,
        'no such table',
        `add a CreateTable entry for ${expected.name} with partition key \`${expected.key}\` of type ${TYPE_NAMES[expected.type]}.`,
      );
    }
    return;
  }
  list.pass(label);
  const table = await describeTable(client, expected.name);
  const keys = table?.KeySchema ?? [];
  const hash = keys.find((k) => k.KeyType === 'HASH');
  const keyLabel = `Table ${expected.name}: partition key is \`${expected.key}\``;
  if (hash?.AttributeName !== expected.key) {
    const found = hash?.AttributeName ?? 'none';
    const hint =
      found.toLowerCase() === expected.key.toLowerCase()
        ? `keys are case-sensitive: the code reads \`${expected.key}\`, not \`${found}\`. Delete the table and create it again.`
        : `the workshop keys ${expected.name} by \`${expected.key}\`; a table's key cannot be changed, so create it with that key.`;
    list.fail(keyLabel, `found \`${found}\``, hint);
  } else list.pass(keyLabel);
  const range = keys.find((k) => k.KeyType === 'RANGE');
  list.expect(
    range === undefined,
    `Table ${expected.name}: no sort key`,
    `found sort key \`${range?.AttributeName}\``,
    'the workshop tables have a partition key only; every read in lessons 3–4 gives just that key.',
  );
  if (hash?.AttributeName !== expected.key) return;
  const type =
    table?.AttributeDefinitions?.find((d) => d.AttributeName === expected.key)?.AttributeType ?? '?';
  list.expect(
    type === expected.type,
    `Table ${expected.name}: key \`${expected.key}\` is type ${TYPE_NAMES[expected.type]}`,
    `found ${TYPE_NAMES[type] ?? type}`,
    `set AttributeType: '${expected.type}' in AttributeDefinitions — ${expected.why}.`,
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
  const label = "the workshop's rows fit: User {connectionId}, Chat {timestamp}, Game {id: 1}";
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
      'the Game row did not read back',
      'check the Game key type.',
    );
  } catch (error) {
    list.fail(
      label,
      describeError(error),
      'DynamoDB refused a row the workshop code writes: compare the key names and types above.',
    );
  }
}
