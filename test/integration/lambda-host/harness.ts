/** A LambdaHost over the fixture functions, collecting its log lines, for one test file. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogLine } from '../../../emulator/contracts.ts';
import { LambdaHost, type LambdaHostOptions } from '../../../emulator/lambda/host.ts';
import type { FunctionSpec } from '../../../emulator/stack.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = path.join(REPO, 'test/fixtures/functions');

export function fixture(file: string): string {
  return path.join(FIXTURES, file);
}

/** Outside the repository, as a user's stack would be: nothing may depend on the checkout's node_modules. */
export function scratchDir(label: string): string {
  const dir = path.join(os.tmpdir(), 'lambda-host-test', `${label}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const CREDENTIALS = {
  accessKeyId: 'ASIAQUIZROLEEXAMPLE1',
  secretAccessKey: 'quiz-secret',
  sessionToken: 'quiz-session-token',
};

export interface Harness {
  host: LambdaHost;
  logs: LogLine[];
  buildDir: string;
  /** The messages of one request, from START to REPORT. */
  linesOf(requestId: string): string[];
  close(): Promise<void>;
}

export async function startHost(
  functions: FunctionSpec[],
  options: Partial<Omit<LambdaHostOptions, 'functions' | 'onLog'>> = {},
): Promise<Harness> {
  const logs: LogLine[] = [];
  const buildDir = options.buildDir ?? scratchDir('build');
  const host = new LambdaHost({
    region: 'ap-northeast-2',
    accountId: '123456789012',
    credentialsFor: () => CREDENTIALS,
    ...options,
    functions,
    buildDir,
    onLog: (line) => logs.push(line),
  });
  await host.start();
  return {
    host,
    logs,
    buildDir,
    linesOf: (requestId) => {
      const messages = logs.map((l) => l.message);
      const start = messages.findIndex((m) => m.startsWith(`START RequestId: ${requestId}`));
      const end = messages.findIndex((m) => m.startsWith(`REPORT RequestId: ${requestId}`));
      return start < 0 || end < 0 ? [] : messages.slice(start, end + 1);
    },
    close: async () => {
      await host.stop();
      rmSync(buildDir, { recursive: true, force: true });
    },
  };
}

export { isAlive, isRunning } from '../../../emulator/processes.ts';
