/**
 * AWS's runtime schedule and what it means at start; the app's own serverless.yml must stay on a
 * runtime AWS still supports (the `osls package` template is checked in
 * test/integration/serverless/package.test.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServerlessStack } from '../../serverless/load.ts';
import { handlerContractError } from './handler-contract.ts';
import { layerModulePaths } from './layers.ts';
import { lifecycleWarning, runtimeInfo, stageOf, today } from './lifecycle.ts';
import { pythonModule } from './python-build.ts';
import { APP_RUNTIME, RUNTIMES } from './table.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
const ON = '2026-12-02';

describe('the runtime table', () => {
  it('holds AWS’s dates for the Node.js runtimes', () => {
    expect(RUNTIMES.get('nodejs24.x')).toMatchObject({ deprecated: '2028-04-30', blockCreate: '2028-06-01' });
    expect(RUNTIMES.get('nodejs22.x')).toMatchObject({ deprecated: '2027-04-30', blockCreate: '2027-06-01' });
    expect(RUNTIMES.get('nodejs20.x')).toMatchObject({
      deprecated: '2026-04-30',
      blockCreate: '2027-02-01',
      successor: 'nodejs24.x',
    });
    expect(RUNTIMES.get('python3.14')).toMatchObject({ family: 'python', version: '3.14' });
    expect(RUNTIMES.get('nodejs24.x')?.successor).toBeUndefined();
  });

  it('judges each runtime on a day', () => {
    const stage = (id: string) => stageOf(runtimeInfo(id, 'f'), ON);
    expect(stage('nodejs24.x')).toBe('supported');
    expect(stage('nodejs22.x')).toBe('supported');
    expect(stage('nodejs20.x')).toBe('deprecated');
    expect(stage('nodejs18.x')).toBe('deprecated');
    expect(stage('nodejs14.x')).toBe('create-blocked');
    expect(stage('nodejs12.x')).toBe('update-blocked');
    expect(stage('python3.9')).toBe('deprecated');
  });
});

describe('at start', () => {
  it('warns about a deprecated runtime with its dates and the runtime to move to, in both languages', () => {
    const line = lifecycleWarning('app', runtimeInfo('nodejs20.x', 'app'), ON);
    expect(line).toContain('2026-04-30');
    expect(line).toContain('2027-02-01');
    expect(line).toContain('Move to nodejs24.x');
    expect(line).toContain('nodejs24.x로 옮기세요');
  });

  it('names the block-create date of a runtime past it', () => {
    const line = lifecycleWarning('app', runtimeInfo('nodejs14.x', 'app'), ON);
    expect(line).toContain('refused to create functions on nodejs14.x since 2024-01-09');
  });

  it('knows the preview runtimes and says they are previews', () => {
    expect(lifecycleWarning('app', runtimeInfo('nodejs26.x', 'app'), ON)).toContain('public preview');
    expect(lifecycleWarning('app', runtimeInfo('python3.15', 'app'), ON)).toContain('public preview');
  });

  it('says nothing about a supported runtime', () => {
    expect(lifecycleWarning('app', runtimeInfo('nodejs24.x', 'app'), ON)).toBeUndefined();
    expect(lifecycleWarning('app', runtimeInfo('python3.13', 'app'), ON)).toBeUndefined();
  });

  it('refuses a runtime AWS never had, naming the current ones', () => {
    expect(() => runtimeInfo('nodejs21.x', 'app')).toThrow(/has ever had.*nodejs24\.x, nodejs22\.x/);
    expect(() => runtimeInfo('python4.0', 'app')).toThrow(/has ever had.*python3\.14/);
  });

  it('refuses AWS runtimes of languages the workbench does not run', () => {
    expect(() => runtimeInfo('java21', 'app')).toThrow(/runs only Node\.js .* and Python/);
  });
});

describe('handler contracts', () => {
  const callback = (_event: unknown, _context: unknown, _callback: unknown) => undefined;
  const asyncTwo = async (_event: unknown, _context: unknown) => undefined;
  it('refuses callback-style handlers from nodejs24.x on, by arity', () => {
    expect(handlerContractError(callback, 'AWS_Lambda_nodejs24.x')?.errorType).toBe(
      'Runtime.CallbackHandlerDeprecated',
    );
    expect(handlerContractError(callback, 'AWS_Lambda_nodejs22.x')).toBeUndefined();
    expect(handlerContractError(asyncTwo, 'AWS_Lambda_nodejs24.x')).toBeUndefined();
  });
});

describe('layers', () => {
  it('lay out as AWS puts them under /opt', () => {
    expect(layerModulePaths(['/l'], runtimeInfo('nodejs22.x', 'f'))).toEqual([
      '/l/nodejs/node22/node_modules',
      '/l/nodejs/node_modules',
    ]);
    expect(layerModulePaths(['/l'], runtimeInfo('python3.12', 'f'))).toEqual([
      '/l/python/lib/python3.12/site-packages',
      '/l/python',
    ]);
  });
});

describe('Python modules', () => {
  it('import a handler inside packages as part of them, as AWS does for src/app.handler', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'python-module-'));
    try {
      mkdirSync(path.join(root, 'src', 'routes'), { recursive: true });
      writeFileSync(path.join(root, 'src', '__init__.py'), '');
      writeFileSync(path.join(root, 'src', 'routes', '__init__.py'), '');
      expect(pythonModule(path.join(root, 'src', 'routes', 'chat.py'))).toEqual({
        taskRoot: root,
        module: 'src.routes.chat',
      });
      expect(pythonModule(path.join(root, 'handler.py'))).toEqual({ taskRoot: root, module: 'handler' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the app', () => {
  it('runs on a runtime AWS supports today (serverless.yml)', async () => {
    const stack = await loadServerlessStack(path.join(REPO, 'serverless.yml'));
    for (const fn of stack.functions) {
      const runtime = runtimeInfo(fn.runtime ?? 'missing', fn.name);
      expect(stageOf(runtime, today()), `${fn.name} on ${runtime.id}`).toBe('supported');
      expect(runtime.id).toBe(APP_RUNTIME);
    }
  });

  // The trap: node-<os>-<arch> packages declare a `node` bin; linked, it would replace the
  // machine's Node in every npm script.
  it('keeps the Node binaries out of node_modules/.bin', () => {
    expect(existsSync(path.join(REPO, 'node_modules', '.bin', 'node'))).toBe(false);
  });
});
