/**
 * Hostile signers against the DynamoDB endpoint and @connections, with IAM in strict and open
 * mode: forged keys, replayed signatures over another body, expired dates, headers left unsigned.
 * Every request is built by hand (signed by @smithy/signature-v4, then tampered with) and answered
 * by the real proxy over a real DynamoDB engine, and by the real gateway.
 */
import { PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../emulator/dynamodb/engine.ts';
import { type DynamoProxy, startDynamoProxy } from '../../../emulator/dynamodb/proxy.ts';
import { Iam } from '../../../emulator/iam/index.ts';
import { loadPolicy } from '../../../lessons/shared/policies.ts';
import { startTestEngine, TEST_REGION } from '../../support/engine.ts';
import { Client, managementClient, start, stopAll } from '../gateway/harness.ts';
import { dynamoHeaders, send, signedHeaders } from './raw-http.ts';

const ACCOUNT = '123456789012';
const ADMIN = {
  accessKeyId: 'AKIASECURITYTEST0001',
  secretAccessKey: 'the-administrators-own-secret-000000000',
};
const NOBODY_AUTH =
  'AWS4-HMAC-SHA256 Credential=NOBODY/20260101/ap-northeast-2/dynamodb/aws4_request, ' +
  `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

let engine: Engine;
const strict = new Iam({ accountId: ACCOUNT, region: TEST_REGION, auth: 'strict' });
const open = new Iam({ accountId: ACCOUNT, region: TEST_REGION, auth: 'open' });
let strictProxy: DynamoProxy;
let openProxy: DynamoProxy;
const clients: DynamoDBClient[] = [];

beforeAll(async () => {
  for (const iam of [strict, open]) {
    iam.addAdminKey(ADMIN.accessKeyId, ADMIN.secretAccessKey);
    await iam.registerRole({ name: 'quiz-role', policy: loadPolicy('workshop-2019') });
  }
  engine = await startTestEngine();
  const common = { target: engine.endpoint, region: TEST_REGION, accountId: ACCOUNT };
  strictProxy = await startDynamoProxy({ ...common, auth: strict });
  openProxy = await startDynamoProxy({ ...common, auth: open });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await stopAll();
  await strictProxy?.stop();
  await openProxy?.stop();
  await engine?.stop();
});

function sdk(endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string }) {
  const c = new DynamoDBClient({ endpoint, region: TEST_REGION, credentials, maxAttempts: 1 });
  clients.push(c);
  return c;
}

const listTables = (url: string, extra: Partial<Parameters<typeof signedHeaders>[0]> = {}) =>
  signedHeaders({
    url,
    body: '{}',
    service: 'dynamodb',
    headers: dynamoHeaders('ListTables'),
    credentials: ADMIN,
    ...extra,
  });

describe('DynamoDB, strict: keys the emulator does not know', () => {
  it('a forged signature with an unknown key is UnrecognizedClientException, as on AWS', async () => {
    const answer = await send({
      url: strictProxy.url,
      headers: {
        ...dynamoHeaders('ListTables'),
        authorization: NOBODY_AUTH,
        'x-amz-date': '20260101T000000Z',
      },
      body: '{}',
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'com.amazon.coral.service#UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('dummy keys from the SDK are refused too; the administrator key and role keys work', async () => {
    const dummy = sdk(strictProxy.url, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' });
    await expect(dummy.send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    await expect(sdk(strictProxy.url, ADMIN).send(new ListTablesCommand({}))).resolves.toHaveProperty(
      'TableNames',
    );
    const role = strict.issueCredentials('quiz-role', 'chosung-quiz');
    const roleClient = new DynamoDBClient({
      endpoint: strictProxy.url,
      region: TEST_REGION,
      credentials: role,
      maxAttempts: 1,
    });
    clients.push(roleClient);
    await expect(roleClient.send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');
  });
});

describe('DynamoDB: signatures over what was received', () => {
  it('a captured signature replayed with another body does not match', async () => {
    const headers = await listTables(strictProxy.url);
    const honest = await send({ url: strictProxy.url, headers, body: '{}' });
    expect(honest.status).toBe(200);
    const replay = await send({ url: strictProxy.url, headers, body: '{"Limit":1}' });
    expect(replay.status).toBe(400);
    expect(JSON.parse(replay.body).__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    expect(JSON.parse(replay.body).message).toMatch(/^The request signature we calculated does not match/);
  });

  it("a replay that also brings the new body's hash in an unsigned x-amz-content-sha256 is refused", async () => {
    // Signed without it (the header is sent, but not in SignedHeaders), then given the new body's hash.
    const headers = await listTables(strictProxy.url, { unsignable: ['x-amz-content-sha256'] });
    expect(headers.authorization).not.toContain('x-amz-content-sha256');
    const body = '{"Limit":1}';
    const { createHash } = await import('node:crypto');
    const answer = await send({
      url: strictProxy.url,
      headers: { ...headers, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') },
      body,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'com.amazon.coral.service#InvalidSignatureException',
      message: "'X-Amz-Content-Sha256' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });

  it('a signature dated 2020 is expired, with the message DynamoDB gives', async () => {
    const headers = await listTables(strictProxy.url, { signingDate: new Date('2020-01-01T00:00:00Z') });
    const answer = await send({ url: strictProxy.url, headers, body: '{}' });
    expect(answer.status).toBe(400);
    const error = JSON.parse(answer.body) as { __type: string; message: string };
    expect(error.__type).toBe('com.amazon.coral.service#InvalidSignatureException');
    expect(error.message).toMatch(
      /^Signature expired: 20200101T000000Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    );
  });

  it('14 minutes of skew pass, 16 do not (either way)', async () => {
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    for (const [minutes, status] of [
      [-14, 200],
      [14, 200],
      [-16, 400],
      [16, 400],
    ] as const) {
      const headers = await listTables(strictProxy.url, { signingDate: at(minutes) });
      const answer = await send({ url: strictProxy.url, headers, body: '{}' });
      expect({ minutes, status: answer.status }).toEqual({ minutes, status });
    }
  });

  it('host and x-amz-date must be signed', async () => {
    for (const [left, message] of [
      ['host', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."],
      ['x-amz-date', "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization."],
    ] as const) {
      const headers = await listTables(strictProxy.url, { unsignable: [left] });
      const answer = await send({ url: strictProxy.url, headers, body: '{}' });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).message).toBe(message);
    }
  });
});

describe('DynamoDB, open: dummy credentials still work, known keys are still checked', () => {
  it('an unknown key acts as administrator, whatever its signature', async () => {
    const answer = await send({
      url: openProxy.url,
      headers: {
        ...dynamoHeaders('ListTables'),
        authorization: NOBODY_AUTH,
        'x-amz-date': '20260101T000000Z',
      },
      body: '{}',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty('TableNames');
  });

  it('the administrator key with a wrong signature is refused', async () => {
    const wrong = sdk(openProxy.url, { ...ADMIN, secretAccessKey: `${ADMIN.secretAccessKey}x` });
    await expect(wrong.send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
  });
});

describe('@connections, strict', () => {
  it('unknown keys get 403 UnrecognizedClientException; expired signatures 403 InvalidSignatureException; the admin key posts', async () => {
    const started = await start({
      routes: { $default: { function: 'noop' } },
      handlers: { noop: () => ({ statusCode: 200 }) },
      auth: strict,
    });
    const client = await Client.open(started.gateway.wsUrl);
    const connectionId = await new Promise<string>((resolve) => {
      const poll = () => {
        const c = started.gateway.connections()[0];
        if (c) resolve(c.connectionId);
        else setTimeout(poll, 10);
      };
      poll();
    });
    const url = `${started.gateway.managementUrl}/@connections/${connectionId}`;

    const unknown = await managementClient(started.gateway.managementUrl)
      .send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'forged' }))
      .catch((e: Error & { $metadata: { httpStatusCode: number } }) => e);
    expect(unknown).toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });

    const headers = await signedHeaders({
      url,
      body: 'late',
      service: 'execute-api',
      credentials: ADMIN,
      signingDate: new Date('2020-01-01T00:00:00Z'),
    });
    const expired = await send({ url, headers, body: 'late' });
    expect(expired.status).toBe(403);
    expect(expired.headers['x-amzn-errortype']).toBe('InvalidSignatureException');
    expect(JSON.parse(expired.body).message).toMatch(
      /^Signature expired: 20200101T000000Z is now earlier than /,
    );

    const admin = managementClient(started.gateway.managementUrl);
    admin.config.credentials = async () => ADMIN;
    await admin.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'from the admin' }));
    expect(await client.message(0)).toBe('from the admin');
    expect(client.messages).not.toContain('forged');
    expect(client.messages).not.toContain('late');
    client.ws.close();
  });
});
