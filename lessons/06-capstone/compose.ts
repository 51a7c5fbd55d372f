/**
 * Lesson 6 puts the learner's own work together: the connection handler of lesson 3, the game
 * handler of lesson 4, in one function as the workshop had it, running as a role with the policy
 * of lesson 1. This writes the small entry module that dispatches by event type, into a folder
 * of the run's own outside the repository.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLesson, lessonDir } from '../catalogue.ts';
import type { Variant } from '../runner/types.ts';

export interface LearnerParts {
  policyFile: string;
  connectionFile: string;
  gameFile: string;
}

/** Where the learner's files are: their exercises, or the references with `--solution`. */
export function learnerParts(variant: Variant): LearnerParts {
  const dir = (n: number) => {
    const lesson = findLesson(n);
    if (!lesson) throw new Error(`lesson ${n} is missing from the catalogue`);
    return join(lessonDir(lesson), variant);
  };
  return {
    policyFile: join(dir(1), 'policy.ts'),
    connectionFile: join(dir(3), 'handler.ts'),
    gameFile: join(dir(4), 'handler.ts'),
  };
}

/** Writes `<dir>/index.ts`: $connect/$disconnect to lesson 3's handler, messages to lesson 4's. */
export function writeEntry(parts: LearnerParts): { dir: string; entry: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lesson-06-capstone-'));
  const entry = join(dir, 'index.ts');
  writeFileSync(
    entry,
    [
      '// Written by lesson 6: one function, as in the workshop, made of your lessons 3 and 4.',
      `import { handler as connection } from ${JSON.stringify(parts.connectionFile)};`,
      `import { handler as game } from ${JSON.stringify(parts.gameFile)};`,
      '',
      'type Event = Parameters<typeof game>[0];',
      '',
      'export async function handler(event: Event) {',
      '  const kind = event.requestContext.eventType;',
      "  return kind === 'CONNECT' || kind === 'DISCONNECT' ? connection(event) : game(event);",
      '}',
      '',
    ].join('\n'),
  );
  return { dir, entry };
}
