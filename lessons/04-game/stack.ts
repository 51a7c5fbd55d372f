/** Lesson 4's stack: the learner's handler on $connect, $disconnect and $default (workshop step 4-2). */
import { join } from 'node:path';
import type { Stack } from '../../emulator/stack.ts';
import { workshopStack } from '../shared/workshop-stack.ts';

export function buildStack(codeDir: string): Stack {
  return workshopStack({
    name: 'lesson-04-game',
    entry: join(codeDir, 'handler.ts'),
    routes: ['$connect', '$disconnect', '$default'],
  });
}
