/**
 * Lesson 1's stack: the role alone, with the learner's policy. Lessons 3 and 4 run their
 * function as this role's workshop version; `--keep` here has nothing to serve.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULTS, type PolicyDocument, type Stack } from '../../emulator/stack.ts';
import { ROLE_NAME } from './requirements.ts';

export async function buildStack(codeDir: string): Promise<Stack> {
  const { policy } = (await import(pathToFileURL(join(codeDir, 'policy.ts')).href)) as {
    policy: PolicyDocument;
  };
  return {
    ...DEFAULTS,
    name: 'lesson-01-iam',
    role: { name: ROLE_NAME, policy },
    tables: [],
    functions: [],
    routes: {},
  };
}
