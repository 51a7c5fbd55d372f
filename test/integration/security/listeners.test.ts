/**
 * What every listener refuses before it does any work: Host headers a DNS-rebinding page would
 * send, bodies past the service's limit (declared or streamed), unsigned bodies (never read), and
 * route responses past API Gateway's message quota. Real listeners on loopback, real sockets.
 */
import { connect as tcpConnect } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Engine } from '../../../emulator/dynamodb/engine.ts';
import { type DynamoProxy, startDynamoProxy } from '../../../emulator/dynamodb/proxy.ts';
import { type Gateway, startGateway } from '../../../emulator/gateway/index.ts';
import { type HostAllowList, hostAllowList } from '../../../emulator/http/host-allow.ts';
import { Iam } from '../../../emulator/iam/index.ts';
import { startWebServer, type WebServer } from '../../../emulator/web/server.ts';
import { testApi } from '../../support/api.ts';
import { startTestEngine, TEST_REGION } from '../../support/engine.ts';
import { Client, lambdas, start, stopAll } from '../gateway/harness.ts';
import { send } from './raw-http.ts';

const hosts: HostAllowList = hostAllowList({ bind: '127.0.0.1', regions: [TEST_REGION] });
const NOBODY_AUTH =
  'AWS4-HMAC-SHA256 Credential=NOBODY/20260101/ap-northeast-2/dynamodb/aws4_request, ' +
  `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

let engine: Engine;
let proxy: DynamoProxy;
let gateway: Gateway;
let web: WebServer;

beforeAll(async () => {
  engine = await startTestEngine();
  const iam = new Iam({ accountId: '123456789012', region: TEST_REGION, auth: 'open' });
  proxy = await startDynamoProxy({
    target: engine.endpoint,
    auth: iam,
    region: TEST_REGION,
    accountId: '123456789012',
    hosts,
  });
  gateway = await startGateway({
    stack: testApi({ $default: { function: 'noop' } }),
    host: '127.0.0.1',
    port: 0,
    invoke: lambdas({ noop: () => ({ statusCode: 200 }) }).invoke,
    auth: iam,
    hosts,
  });
  web = await startWebServer({ host: '127.0.0.1', port: 0, wsUrl: gateway.wsUrl, hosts });
});

afterAll(async () => {
  await stopAll();
  await gateway?.stop();
  await web?.stop();
  await proxy?.stop();
  await engine?.stop();
});

const portOf = (url: string) => new URL(url).port;

describe('Host allow-list (DNS rebinding)', () => {
  it('every listener answers 403 to a foreign Host and serves loopback names', async () => {
    for (const url of [proxy.url, `${gateway.managementUrl}/@connections/abc`, `${web.url}/`]) {
      const method = url === proxy.url ? 'POST' : 'GET';
      const evil = await send({ url, method, headers: { host: `rebind.attacker.example:${portOf(url)}` } });
      expect({ url, status: evil.status }).toEqual({ url, status: 403 });
      expect(evil.body).toContain('DNS rebinding');
      expect(evil.body).toContain('--allow-host');
      for (const name of ['localhost', '127.0.0.1', '[::1]', '127.1.2.3']) {
        const ok = await send({ url, method, headers: { host: `${name}:${portOf(url)}` } });
        expect({ url, name, rebinding: ok.body.includes('DNS rebinding') }).toEqual({
          url,
          name,
          rebinding: false,
        });
      }
    }
    const page = await send({
      url: `${web.url}/`,
      method: 'GET',
      headers: { host: `localhost:${portOf(web.url)}` },
    });
    expect(page.status).toBe(200);
  });

  it("the AWS hostnames served to instances pass, for the emulator's region only", async () => {
    const url = proxy.url;
    const served = await send({
      url,
      headers: {
        host: 'dynamodb.ap-northeast-2.amazonaws.com',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
      },
    });
    expect(served.body).not.toContain('DNS rebinding');
    const other = await send({ url, headers: { host: 'dynamodb.us-east-1.amazonaws.com' } });
    expect(other.status).toBe(403);
    const execute = await send({
      url: `${gateway.managementUrl}/@connections/abc`,
      method: 'GET',
      headers: { host: 'chosung001.execute-api.ap-northeast-2.amazonaws.com' },
    });
    expect(execute.body).not.toContain('DNS rebinding');
  });

  it('a WebSocket handshake with a foreign Host is refused; any Origin is accepted, as on AWS', async () => {
    const port = portOf(gateway.wsUrl);
    const refused = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(gateway.wsUrl, { headers: { host: `rebind.attacker.example:${port}` } });
      ws.once('open', () => reject(new Error('accepted')));
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => undefined);
    });
    expect(refused).toBe(403);
    const client = await Client.open(gateway.wsUrl, {
      host: `localhost:${port}`,
      origin: 'https://rebind.attacker.example',
    });
    client.ws.close();
  });

  it('off loopback: the machine and --allow-host names pass, others do not', () => {
    const lan = hostAllowList({ bind: '0.0.0.0', regions: [TEST_REGION], extra: ['quiz.lan'] });
    expect(lan.allows('quiz.lan:3000')).toBe(true);
    expect(lan.allows(`${hostname()}:3001`)).toBe(true);
    expect(lan.allows('localhost:3001')).toBe(true);
    expect(lan.allows('rebind.attacker.example')).toBe(false);
    expect(hosts.allows('quiz.lan')).toBe(false);
    expect(hosts.allows(undefined)).toBe(false);
  });
});

/** A raw upload: headers, then `bytes` of body in 1 MB writes of one reused buffer, until the server hangs up. */
function upload(
  url: string,
  headers: Record<string, string>,
  bytes: number,
  chunked = false,
): Promise<{ status: number; body: string; sent: number }> {
  const u = new URL(url);
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(u.port), u.hostname);
    let answer = '';
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      if (!status) return;
      done = true;
      socket.destroy();
      resolve({ status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4), sent });
    };
    socket.on('data', (d: Buffer) => {
      answer += d.toString('utf8');
      // The whole answer is in once its declared body is.
      const length = Number(/content-length: (\d+)/i.exec(answer)?.[1] ?? -1);
      const at = answer.indexOf('\r\n\r\n');
      if (at >= 0 && length >= 0 && Buffer.byteLength(answer.slice(at + 4)) >= length) finish();
    });
    socket.on('error', () => undefined);
    socket.on('close', () =>
      done ? undefined : answer ? finish() : reject(new Error('closed without an answer')),
    );
    const head = Object.entries({
      host: `127.0.0.1:${u.port}`,
      ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(bytes) }),
      ...headers,
    })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`POST ${u.pathname} HTTP/1.1\r\n${head}\r\n`);
    const pump = () => {
      while (!done && !socket.destroyed && sent < bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (chunked) socket.write(`${piece.length.toString(16)}\r\n`);
        let more = socket.write(piece);
        if (chunked) more = socket.write('\r\n');
        if (!more) {
          socket.once('drain', pump);
          return;
        }
      }
      if (chunked && sent >= bytes && !socket.destroyed) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

const DYNAMO = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' };

describe('bodies', () => {
  it('an unsigned body is refused before it is read: the answer comes with only the headers sent', async () => {
    // Not a byte of body: the server must answer from the headers alone.
    const answer = await upload(proxy.url, { ...DYNAMO, 'content-length': String(16 * 1024 * 1024) }, 0);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).__type).toBe(
      'com.amazon.coral.service#MissingAuthenticationTokenException',
    );
  });

  it('thirty unsigned 16 MB uploads at once leave memory flat', async () => {
    const before = process.memoryUsage();
    let peak = before.arrayBuffers;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }, 20);
    try {
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => upload(proxy.url, DYNAMO, 16 * 1024 * 1024)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(30).fill(400));
    } finally {
      clearInterval(sampler);
    }
    // Reading them would take 480 MB; the client's own 1 MB buffers are 30 MB.
    console.log(
      `30 unsigned 16 MB uploads: buffers peaked ${((peak - before.arrayBuffers) / 1048576).toFixed(1)} MB above the start`,
    );
    expect((peak - before.arrayBuffers) / 1024 / 1024).toBeLessThan(96);
  });

  it('DynamoDB: past 16 MB is 413, from Content-Length without reading, and while streaming chunked', async () => {
    const declared = await upload(
      proxy.url,
      { ...DYNAMO, authorization: NOBODY_AUTH, 'content-length': String(16 * 1024 * 1024 + 1) },
      0,
    );
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).__type).toBe('com.amazon.coral.service#RequestEntityTooLarge');
    const streamed = await upload(
      proxy.url,
      { ...DYNAMO, authorization: NOBODY_AUTH },
      40 * 1024 * 1024,
      true,
    );
    expect(streamed.status).toBe(413);
    expect(streamed.sent).toBeLessThan(40 * 1024 * 1024);
  });

  it('@connections: a POST over 128 KB is 413 PayloadTooLargeException, declared or streamed', async () => {
    const url = `${gateway.managementUrl}/@connections/abc`;
    const auth = NOBODY_AUTH.replace('dynamodb', 'execute-api');
    const declared = await upload(url, { authorization: auth, 'content-length': String(200 * 1024) }, 0);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).message).toMatch(/over the 131072-byte limit/);
    const streamed = await upload(url, { authorization: auth }, 8 * 1024 * 1024, true);
    expect(streamed.status).toBe(413);
  });
});

describe('route responses', () => {
  it('over 128 KB: the client gets "Internal server error", not the body; under it, the body', async () => {
    const started = await start({
      routes: { $default: { function: 'reply', routeResponse: true } },
      handlers: {
        reply: (event) => ({ statusCode: 200, body: 'x'.repeat(Number(event.body) * 1024) }),
      },
    });
    const client = await Client.open(started.gateway.wsUrl);
    client.send('129');
    const big = await client.json(0);
    expect(big).toMatchObject({ message: 'Internal server error', connectionId: expect.any(String) });
    expect(started.events).toContainEqual(expect.objectContaining({ errorType: 'RouteResponseTooLarge' }));
    client.send('100');
    expect((await client.message(1)).length).toBe(100 * 1024);
    client.ws.close();
  });
});
