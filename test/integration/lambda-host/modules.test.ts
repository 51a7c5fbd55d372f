/**
 * Node handlers load as Lambda's Node.js runtime loads them, from their own folder: `.js` is
 * CommonJS (sloppy mode) unless the nearest package.json says `"type": "module"`, `.mjs` is ESM,
 * `.cjs` CommonJS (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html). Packages
 * come from the function's own node_modules first, then from the runtime (SDK v3 only:
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html), never from anywhere else.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InvokeOutcome } from '../../../emulator/contracts.ts';
import type { FunctionSpec } from '../../../emulator/stack.ts';
import { type Harness, REPO, startHost } from './harness.ts';
import { codeFolder, removeCodeFolders } from './stack-folder.ts';

let h: Harness;
let watched: string;

const CALLBACK_WITH_IMPLICIT_GLOBAL = `// 2019 style: no 'use strict', an undeclared variable, a callback
exports.handler = function (event, context, callback) {
  counter = (typeof counter === 'number' ? counter : 0) + 1;
  var strict = (function () { return this === undefined; })();
  callback(null, { counter: counter, strict: strict, module: typeof module, taskRoot: process.env.LAMBDA_TASK_ROOT, cwd: process.cwd(), handler: process.env._HANDLER });
};
`;

function folders(): FunctionSpec[] {
  const cjs = codeFolder('cjs', { 'index.js': CALLBACK_WITH_IMPLICIT_GLOBAL });
  const typeModule = codeFolder('type-module', {
    'package.json': JSON.stringify({ name: 'esm-app', type: 'module' }),
    'app.js': 'export const handler = async () => ({ require: typeof require, url: import.meta.url });\n',
    'legacy.cjs': CALLBACK_WITH_IMPLICIT_GLOBAL,
  });
  const mjs = codeFolder('mjs', {
    'handler.mjs':
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n" +
      'export const handler = async () => ({ require: typeof require, client: typeof DynamoDBClient });\n',
  });
  const ownLib = codeFolder('own-lib', {
    'package.json': JSON.stringify({ name: 'uses-lib', dependencies: { 'some-lib': '1.0.0' } }),
    'src/handler.js':
      "const lib = require('some-lib');\nexports.handler = async () => ({ greeting: lib.greet('철수'), handler: process.env._HANDLER, taskRoot: process.env.LAMBDA_TASK_ROOT });\n",
    'node_modules/some-lib/package.json': JSON.stringify({
      name: 'some-lib',
      version: '1.0.0',
      main: 'lib.js',
    }),
    'node_modules/some-lib/lib.js': "exports.greet = (name) => '안녕 ' + name;\n",
    // The function's own copy of an SDK v3 client wins over the runtime's.
    'node_modules/@aws-sdk/client-dynamodb/package.json': JSON.stringify({
      name: '@aws-sdk/client-dynamodb',
      version: '0.0.0-own',
      main: 'index.js',
    }),
    'node_modules/@aws-sdk/client-dynamodb/index.js': "exports.own = 'the function\\'s copy';\n",
    'own-sdk.js': "exports.handler = async () => require('@aws-sdk/client-dynamodb').own;\n",
  });
  const shipsSdkV2 = codeFolder('ships-sdk-v2', {
    'index.js':
      "const AWS = require('aws-sdk');\nconst ddb = new AWS.DynamoDB.DocumentClient({ region: 'ap-northeast-2' });\n" +
      'exports.handler = async () => ({ version: AWS.VERSION, put: typeof ddb.put });\n',
  });
  // As `npm install aws-sdk` in the function's folder would leave it (a link keeps the test small).
  mkdirSync(path.join(shipsSdkV2, 'node_modules'));
  // The devDependency's other name (aws-sdk-v2) keeps it from resolving as 'aws-sdk' by accident.
  symlinkSync(
    path.join(REPO, 'node_modules', 'aws-sdk-v2'),
    path.join(shipsSdkV2, 'node_modules', 'aws-sdk'),
  );
  const noSdkV2 = codeFolder('no-sdk-v2', {
    'index.js': "const AWS = require('aws-sdk');\nexports.handler = async () => AWS.VERSION;\n",
    'import.mjs': "import AWS from 'aws-sdk';\nexport const handler = async () => AWS.VERSION;\n",
    'workbench-dep.js': "exports.handler = async () => require('zod') && 'leaked';\n",
    'runtime-sdk.js':
      "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\nexports.handler = async () => typeof DynamoDBClient;\n",
  });
  const broken = codeFolder('syntax', {
    'index.js': 'exports.handler = async () => {\n  return { ok: true ;\n};\n',
  });
  watched = codeFolder('watched', {
    'index.js': "exports.handler = async () => require('./lib/version.js');\n",
    'lib/version.js': 'module.exports = 1;\n',
  });
  // Callback handlers stop at nodejs22.x (nodejs24.x refuses them at init), as 2019 code would run.
  return [
    { name: 'cjs', entry: path.join(cjs, 'index.js'), runtime: 'nodejs22.x' },
    { name: 'typeModule', entry: path.join(typeModule, 'app.js') },
    { name: 'cjsInModuleFolder', entry: path.join(typeModule, 'legacy.cjs'), runtime: 'nodejs22.x' },
    { name: 'mjs', entry: path.join(mjs, 'handler.mjs') },
    { name: 'ownLib', entry: path.join(ownLib, 'src/handler.js'), codeRoot: ownLib },
    { name: 'ownSdk', entry: path.join(ownLib, 'own-sdk.js'), codeRoot: ownLib },
    { name: 'shipsSdkV2', entry: path.join(shipsSdkV2, 'index.js') },
    { name: 'noSdkV2', entry: path.join(noSdkV2, 'index.js') },
    { name: 'noSdkV2Import', entry: path.join(noSdkV2, 'import.mjs') },
    { name: 'workbenchDep', entry: path.join(noSdkV2, 'workbench-dep.js') },
    { name: 'runtimeSdk', entry: path.join(noSdkV2, 'runtime-sdk.js') },
    { name: 'syntax', entry: path.join(broken, 'index.js') },
    { name: 'watched', entry: path.join(watched, 'index.js') },
  ];
}

beforeAll(async () => {
  h = await startHost(folders(), { watch: true });
});

afterAll(async () => {
  await h?.close();
  removeCodeFolders();
});

function payload(outcome: InvokeOutcome): unknown {
  if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
  return outcome.payload;
}

describe('module kinds, as Node decides them for the file in place', () => {
  it('runs a .js without "type": "module" as CommonJS in sloppy mode: an implicit global works', async () => {
    const first = payload(await h.host.invoke('cjs', {})) as Record<string, unknown>;
    expect(first).toMatchObject({ counter: 1, strict: false, module: 'object', handler: 'index.handler' });
    // LAMBDA_TASK_ROOT and the working directory are the code's own folder, as /var/task.
    expect(first.taskRoot).toBe(first.cwd);
    expect(path.basename(first.taskRoot as string)).toMatch(/^cjs-/);
    // The global lives on in the warm instance, as on AWS.
    expect(payload(await h.host.invoke('cjs', {}))).toMatchObject({ counter: 2 });
  });

  it('runs a .js as an ES module when the nearest package.json says "type": "module"', async () => {
    const result = payload(await h.host.invoke('typeModule', {})) as Record<string, unknown>;
    expect(result.require).toBe('undefined');
    expect(result.url).toMatch(/^file:\/\/.+\/type-module-[0-9a-f]+\/app\.js$/);
  });

  it('runs .cjs as CommonJS even in a "type": "module" folder', async () => {
    expect(payload(await h.host.invoke('cjsInModuleFolder', {}))).toMatchObject({
      counter: 1,
      strict: false,
    });
  });

  it('runs .mjs as ESM, importing the runtime-provided SDK v3 from a folder outside the workbench', async () => {
    expect(payload(await h.host.invoke('mjs', {}))).toEqual({ require: 'undefined', client: 'function' });
  });

  it('reports a syntax error in a .js as Runtime.UserCodeSyntaxError', async () => {
    const outcome = await h.host.invoke('syntax', {});
    expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.UserCodeSyntaxError' });
  });
});

describe('packages', () => {
  it("resolves the function's own node_modules, with _HANDLER relative to the code folder", async () => {
    const result = payload(await h.host.invoke('ownLib', {})) as Record<string, unknown>;
    expect(result).toMatchObject({ greeting: '안녕 철수', handler: 'src/handler.handler' });
    expect(path.basename(result.taskRoot as string)).toMatch(/^own-lib-/);
  });

  it("prefers the function's own copy of an SDK v3 package to the runtime's", async () => {
    expect(payload(await h.host.invoke('ownSdk', {}))).toBe("the function's copy");
  });

  it('loads aws-sdk v2 when the function ships it in its own node_modules', async () => {
    expect(payload(await h.host.invoke('shipsSdkV2', {}))).toEqual({
      version: expect.stringMatching(/^2\./),
      put: 'function',
    });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html, "Runtime.ImportModuleError"
  it('fails require and import of aws-sdk with Runtime.ImportModuleError when the function does not ship it', async () => {
    const required = await h.host.invoke('noSdkV2', {});
    expect(required).toMatchObject({ ok: false, errorType: 'Runtime.ImportModuleError' });
    if (required.ok) return;
    expect(required.errorMessage).toMatch(
      /^Error: Cannot find module 'aws-sdk'\nRequire stack:\n- .+\/no-sdk-v2-[0-9a-f]+\/index\.js\n- .+bootstrap\.mjs$/,
    );
    const imported = await h.host.invoke('noSdkV2Import', {});
    expect(imported).toMatchObject({ ok: false, errorType: 'Runtime.ImportModuleError' });
    if (imported.ok) return;
    expect(imported.errorMessage).toMatch(
      /^Error: Cannot find package 'aws-sdk' imported from .+\/import\.mjs$/,
    );
  });

  it("never lends the workbench's own packages to a function; SDK v3 is the runtime's", async () => {
    expect(await h.host.invoke('workbenchDep', {})).toMatchObject({
      ok: false,
      errorMessage: expect.stringMatching(/^Cannot find module 'zod'/),
    });
    expect(payload(await h.host.invoke('runtimeSdk', {}))).toBe('function');
  });
});

describe('reload of code run in place', () => {
  it('runs the new code on new instances when a file in the code folder changes', async () => {
    expect(payload(await h.host.invoke('watched', {}))).toBe(1);
    writeFileSync(path.join(watched, 'lib/version.js'), 'module.exports = 2;\n');
    await vi.waitFor(async () => expect(payload(await h.host.invoke('watched', {}))).toBe(2), {
      timeout: 10_000,
      interval: 50,
    });
  });
});
