/**
 * The Node.js 18+ runtimes include AWS SDK for JavaScript v3 and not v2
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html), so the workshop's
 * `require('aws-sdk')` fails with Runtime.ImportModuleError — the `sdk-v2-runtime` pitfall.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, type Harness, scratchDir, startHost } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  const buildDir = scratchDir('sdk');
  // A stand-in aws-sdk v2 where Node would find it from the bundles: the runtime must still
  // refuse it, as Lambda's image has none whatever a developer's machine has installed.
  const fake = path.join(buildDir, 'node_modules', 'aws-sdk');
  mkdirSync(fake, { recursive: true });
  writeFileSync(
    path.join(fake, 'package.json'),
    JSON.stringify({ name: 'aws-sdk', version: '2.1692.0', main: 'index.js' }),
  );
  writeFileSync(path.join(fake, 'index.js'), 'module.exports = { DynamoDB: function DynamoDB() {} };\n');
  h = await startHost(
    [
      { name: 'requireV2', entry: fixture('sdk-v2-require.cjs') },
      { name: 'importV2', entry: fixture('sdk-v2-import.mjs') },
      { name: 'dynamicV2', entry: fixture('sdk-v2-dynamic.ts') },
      { name: 'v3', entry: fixture('sdk-v3.ts') },
    ],
    { buildDir },
  );
});

afterAll(async () => {
  await h?.close();
});

describe('AWS SDK in the Node.js 20 runtime', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html, "Runtime.ImportModuleError"
  it("fails require('aws-sdk') at init with Runtime.ImportModuleError, even when aws-sdk is installed", async () => {
    const outcome = await h.host.invoke('requireV2', {});
    expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.ImportModuleError' });
    if (outcome.ok) return;
    expect(outcome.errorMessage).toMatch(
      /^Error: Cannot find module 'aws-sdk'\nRequire stack:\n- .+sdk-v2-require\.cjs\n- .+bootstrap\.mjs$/,
    );
  });

  it("fails import 'aws-sdk' from an ES module the same way", async () => {
    const outcome = await h.host.invoke('importV2', {});
    expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.ImportModuleError' });
    if (outcome.ok) return;
    expect(outcome.errorMessage).toMatch(
      /^Error: Cannot find package 'aws-sdk' imported from .+sdk-v2-import\.mjs$/,
    );
  });

  it('blocks a require the bundler could not see, at invocation time', async () => {
    const outcome = await h.host.invoke('dynamicV2', { name: 'aws-sdk' });
    expect(outcome).toMatchObject({ ok: false, errorType: 'Error' });
    if (outcome.ok) return;
    expect(outcome.errorMessage).toMatch(/^Cannot find module 'aws-sdk'/);
    // Other packages still resolve through the same require.
    expect(await h.host.invoke('dynamicV2', { name: '@aws-sdk/client-dynamodb' })).toMatchObject({
      ok: true,
      payload: 'object',
    });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html: SDK v3 is included.
  it('provides SDK v3 without bundling it, configured from the runtime environment', async () => {
    expect(await h.host.invoke('v3', {})).toMatchObject({
      ok: true,
      payload: { client: 'function', region: 'ap-northeast-2' },
    });
  });
});
