/**
 * Lesson 5's stack: the improved app from lambda/ (one function, routes $connect, $disconnect,
 * join, $default), its tables, the least-privilege role, and a Words table seeded with the
 * learner's bank instead of the full one.
 */
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { adminClient } from '../../emulator/dynamodb/admin-client.ts';
import { APP_RUNTIME } from '../../emulator/lambda/runtimes/table.ts';
import { DEFAULTS, type Stack } from '../../emulator/stack.ts';
import { appTables } from '../../lambda/src/tables.ts';
import { LESSONS_DIR } from '../catalogue.ts';
import { loadPolicy } from '../shared/policies.ts';

export const APP_FUNCTION = 'chosung-quiz';

export function buildStack(bank: Record<string, unknown>[]): Stack {
  return {
    ...DEFAULTS,
    name: 'lesson-05-improvements',
    role: { name: 'chosung-quiz-role', policy: loadPolicy('app-least-privilege') },
    tables: appTables,
    functions: [
      {
        name: APP_FUNCTION,
        entry: join(LESSONS_DIR, '..', 'lambda', 'src', 'index.ts'),
        timeoutSeconds: 30,
        runtime: APP_RUNTIME,
      },
    ],
    routes: {
      $connect: { function: APP_FUNCTION },
      $disconnect: { function: APP_FUNCTION },
      join: { function: APP_FUNCTION },
      $default: { function: APP_FUNCTION },
    },
    seed: (endpoint, region) => writeBank(endpoint, region, bank),
  };
}

async function writeBank(endpoint: string, region: string, bank: Record<string, unknown>[]): Promise<void> {
  const { doc, close } = adminClient(endpoint, region);
  try {
    for (const item of bank) await doc.send(new PutCommand({ TableName: 'Words', Item: item }));
  } finally {
    close();
  }
}
