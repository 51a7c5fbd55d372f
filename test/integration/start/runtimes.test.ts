/**
 * A serverless.yml with Python and old Node runtimes and a layer, as someone else's project would
 * have it, run by the emulator: the Python function answers through the gateway with boto3's
 * post_to_connection, the layer is on both languages' module paths, the deprecated runtimes get
 * their warning, and a runtime AWS never had stops the start.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadServerlessStack } from '../../../emulator/serverless/load.ts';
import type { RunningEmulator } from '../../../emulator/start.ts';
import { startTestEmulator } from '../../support/emulator.ts';

const dir = mkdtempSync(join(tmpdir(), 'runtimes-stack-'));

function write(file: string, text: string): void {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), text);
}

write(
  'serverless.yml',
  `service: runtime-echo
provider:
  name: aws
  runtime: python3.12
  region: ap-northeast-2
  iam:
    role:
      statements:
        - Effect: Allow
          Action: execute-api:ManageConnections
          Resource: arn:aws:execute-api:*:*:*/@connections/*
        - Effect: Allow
          Action: [logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents]
          Resource: "*"
layers:
  shared:
    path: layers/shared
functions:
  echo:
    handler: handler.handler
    layers:
      - Ref: SharedLambdaLayer
    events:
      - websocket: $connect
      - websocket: $default
  old20:
    runtime: nodejs20.x
    handler: old.handler
    layers:
      - Ref: SharedLambdaLayer
  old18:
    runtime: nodejs18.x
    handler: old.handler
`,
);
// Until the transparent endpoints land, MANAGEMENT_ENDPOINT is how the emulator names
// @connections; on AWS it is unset and the URL comes from the event, as here.
write(
  'handler.py',
  `import json
import os
import sys

import boto3
from greeting import GREETING


def handler(event, context):
    ctx = event["requestContext"]
    if ctx["eventType"] != "MESSAGE":
        return {"statusCode": 200}
    endpoint = os.environ.get("MANAGEMENT_ENDPOINT") or "https://%s/%s" % (ctx["domainName"], ctx["stage"])
    api = boto3.client("apigatewaymanagementapi", endpoint_url=endpoint)
    reply = {"echo": event["body"], "python": "%d.%d" % sys.version_info[:2], "greeting": GREETING}
    api.post_to_connection(ConnectionId=ctx["connectionId"], Data=json.dumps(reply).encode("utf-8"))
    return {"statusCode": 200}
`,
);
write('layers/shared/python/greeting.py', 'GREETING = "hello from a layer"\n');
write('layers/shared/nodejs/node_modules/greeting/index.js', "module.exports = 'hello from a node layer';\n");
write('layers/shared/nodejs/node_modules/greeting/package.json', '{"name":"greeting","version":"1.0.0"}\n');
write(
  'old.js',
  `exports.handler = async () => {
  let greeting;
  try { greeting = require('greeting'); } catch (error) { greeting = error.code; }
  return { version: process.version, executionEnv: process.env.AWS_EXECUTION_ENV, greeting };
};
`,
);

let emulator: RunningEmulator;
const lines: string[] = [];

beforeAll(async () => {
  const stack = await loadServerlessStack(join(dir, 'serverless.yml'));
  emulator = await startTestEmulator(stack, {
    logsDir: join(dir, 'logs'),
    log: (line) => lines.push(line),
  });
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a stack on Python and old Node runtimes', () => {
  it('answers through the gateway from Python, with boto3 post_to_connection and a layer module', async () => {
    const ws = new WebSocket(emulator.urls.ws);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    ws.send('안녕 python');
    const answer = JSON.parse(await reply) as Record<string, string>;
    ws.close();
    expect(answer).toMatchObject({ echo: '안녕 python', greeting: 'hello from a layer' });
    expect(answer.python).toMatch(/^3\.\d+$/);
  });

  it('warns about nodejs20.x and nodejs18.x with their dates and the runtime to move to', () => {
    const old20 = lines.find(
      (l) => l.includes('runtime-echo-dev-old20') && l.includes('nodejs20.x is deprecated'),
    );
    expect(old20).toContain('2026-04-30');
    expect(old20).toContain('nodejs24.x');
    const old18 = lines.find(
      (l) => l.includes('runtime-echo-dev-old18') && l.includes('nodejs18.x is deprecated'),
    );
    expect(old18).toContain('2025-09-01');
    expect(old18).toContain('nodejs24.x');
    // No npm package ships Node 18 here: one line says it runs on the machine's own Node.
    expect(lines.filter((l) => l.includes('old18') && l.includes('not installed here'))).toHaveLength(1);
  });

  it('puts a layer’s nodejs/node_modules on the Node function’s module path', async () => {
    const outcome = await emulator.lambda.invoke('runtime-echo-dev-old20', {});
    if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
    expect(outcome.payload).toMatchObject({
      greeting: 'hello from a node layer',
      executionEnv: 'AWS_Lambda_nodejs20.x',
    });
  });
});

describe('a runtime AWS never had', () => {
  it('stops the start with a clear error', async () => {
    const stack = await loadServerlessStack(join(dir, 'serverless.yml'));
    const [first] = stack.functions;
    if (!first) throw new Error('no function');
    first.runtime = 'nodejs21.x';
    await expect(startTestEmulator(stack)).rejects.toThrow(
      /runtime "nodejs21.x" is not a runtime AWS Lambda has ever had.*nodejs24\.x/,
    );
  });
});
