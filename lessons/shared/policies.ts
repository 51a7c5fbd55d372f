/**
 * The two policies the lessons compare: the workshop's own (everything on every resource, plus
 * ManageConnections) and the app's least-privilege one. Both live in `policies/` at the root.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDocument } from '../../emulator/stack.ts';
import { LESSONS_DIR } from '../catalogue.ts';

export const POLICIES_DIR = join(LESSONS_DIR, '..', 'policies');

export function loadPolicy(name: 'workshop-2019' | 'app-least-privilege'): PolicyDocument {
  const file = join(POLICIES_DIR, `${name}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PolicyDocument;
  } catch (error) {
    throw new Error(
      `cannot read ${file} (${(error as Error).message}); it ships with the workbench — restore it with git checkout.`,
    );
  }
}
