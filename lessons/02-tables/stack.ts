/** Lesson 2's stack: the workshop's role and the tables the learner's code defines, no functions yet. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DEFAULTS, type Stack } from '../../emulator/stack.ts';
import { loadPolicy } from '../shared/policies.ts';

export async function buildStack(codeDir: string): Promise<Stack> {
  const { tables } = (await import(pathToFileURL(join(codeDir, 'create-tables.ts')).href)) as {
    tables: CreateTableCommandInput[];
  };
  return {
    ...DEFAULTS,
    name: 'lesson-02-tables',
    role: { name: 'android-realtime-role', policy: loadPolicy('workshop-2019') },
    tables,
    functions: [],
    routes: {},
  };
}
