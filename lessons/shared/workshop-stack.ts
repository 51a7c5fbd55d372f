/**
 * The workshop's shape, for lessons 3 and 4 and most pitfall demos: one function
 * (android-realtime-lambda, 30 s timeout) on the given routes, the three workshop tables, and a
 * role with the workshop's policy unless another is given.
 */
import { workshopTables } from '../../emulator/dynamodb/tables.ts';
import { APP_RUNTIME } from '../../emulator/lambda/runtimes/table.ts';
import { DEFAULTS, type PolicyDocument, type Stack } from '../../emulator/stack.ts';
import { FUNCTION_NAME, ROLE_NAME } from '../01-iam/requirements.ts';
import { loadPolicy } from './policies.ts';

export { FUNCTION_NAME };

export interface WorkshopStackOptions {
  name: string;
  /** Absolute path of the handler module. */
  entry: string;
  routes: Array<'$connect' | '$disconnect' | '$default'>;
  policy?: PolicyDocument;
  environment?: Record<string, string>;
  seed?: Stack['seed'];
  /** The function's runtime: nodejs24.x, as the app's, unless a demo needs another. */
  runtime?: string;
  /** Layer folders (each laid out as /opt), for demos whose fix is a layer. */
  layers?: string[];
  /** The function's timeout; the workshop's 30 s unless given, `null` for Lambda's default (3 s). */
  timeoutSeconds?: number | null;
}

export function workshopStack(options: WorkshopStackOptions): Stack {
  return {
    ...DEFAULTS,
    name: options.name,
    role: { name: ROLE_NAME, policy: options.policy ?? loadPolicy('workshop-2019') },
    tables: workshopTables,
    functions: [
      {
        name: FUNCTION_NAME,
        entry: options.entry,
        ...(options.timeoutSeconds === null ? {} : { timeoutSeconds: options.timeoutSeconds ?? 30 }),
        runtime: options.runtime ?? APP_RUNTIME,
        ...(options.layers ? { layers: options.layers } : {}),
        ...(options.environment ? { environment: options.environment } : {}),
      },
    ],
    routes: Object.fromEntries(options.routes.map((route) => [route, { function: FUNCTION_NAME }])),
    ...(options.seed ? { seed: options.seed } : {}),
  };
}
