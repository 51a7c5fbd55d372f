/**
 * `npm run words [-- --endpoint URL] [--region R] [--create-tables] [--all-patterns] [--force]`:
 * seeds the word bank (and the default room's first game) into a DynamoDB endpoint, or into real
 * AWS with the default credential chain when no endpoint is given.
 */
import './quiet-sdk-notice.ts';
import { parseArgs } from 'node:util';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableNamesFromEnv } from '../lambda/src/config.ts';
import { documentClient } from '../lambda/src/deps.ts';
import { appTablesNamed } from '../lambda/src/tables.ts';
import { seedApp } from '../lambda/src/words/seed.ts';

const { values } = parseArgs({
  options: {
    endpoint: { type: 'string' },
    region: { type: 'string' },
    'create-tables': { type: 'boolean', default: false },
    'all-patterns': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    'usage: npm run words -- [--endpoint http://127.0.0.1:8000] [--region ap-northeast-2] [--create-tables] [--all-patterns] [--force]',
  );
  process.exit(0);
}

const region = values.region ?? process.env.AWS_REGION ?? 'ap-northeast-2';
const local = values.endpoint !== undefined;
const client = new DynamoDBClient({
  region,
  ...(local
    ? {
        endpoint: values.endpoint,
        // Local engines accept any key; the emulator's proxy treats unknown keys as administrator.
        credentials: { accessKeyId: 'seed', secretAccessKey: 'seed' },
      }
    : {}),
});
const tables = tableNamesFromEnv();
const log = (line: string) => console.log(line);

try {
  log(`seeding ${local ? values.endpoint : `AWS ${region}`}`);
  if (values['create-tables']) await createMissingTables();
  const started = performance.now();
  const report = await seedApp(documentClient(client), {
    tables,
    allPatterns: values['all-patterns'],
    force: values.force,
    log,
  });
  log(
    `${report.written ? 'done' : 'already up to date'}: ${report.questions} questions, ${report.patterns} patterns, ` +
      `${report.answers} accepted answers (${Math.round(performance.now() - started)} ms)`,
  );
} catch (error) {
  console.error(`npm run words failed: ${(error as Error).name}: ${(error as Error).message}`);
  if ((error as Error).name === 'ResourceNotFoundException') {
    console.error(
      'The tables do not exist there: add --create-tables, or start the app (`npm start`) first.',
    );
  }
  process.exitCode = 1;
} finally {
  client.destroy();
}

async function createMissingTables(): Promise<void> {
  for (const definition of appTablesNamed(tables)) {
    try {
      await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
    } catch (error) {
      if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      log(`creating table ${definition.TableName}`);
      await client.send(new CreateTableCommand(definition));
      for (let i = 0; i < 120; i++) {
        const { Table } = await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
        if (Table?.TableStatus === 'ACTIVE') break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }
}
