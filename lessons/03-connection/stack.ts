/** Lesson 3's stack: the learner's handler on $connect and $disconnect, as in workshop step 3-3. */
import { join } from 'node:path';
import type { Stack } from '../../emulator/stack.ts';
import { workshopStack } from '../shared/workshop-stack.ts';

export function buildStack(codeDir: string): Stack {
  return workshopStack({
    name: 'lesson-03-connection',
    entry: join(codeDir, 'handler.ts'),
    routes: ['$connect', '$disconnect'],
  });
}
