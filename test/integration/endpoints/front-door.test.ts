/**
 * The front door and the Node preload, with handlers standing in for the services: which
 * connections are redirected (AWS hostnames on 443, and nothing else), that TLS verifies the AWS
 * hostname against the local CA, and what an unknown AWS hostname gets. Real child processes
 * with the instance's command line and environment.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Endpoints, startEndpoints } from '../../../emulator/endpoints/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'endpoints-front-door-'));
let endpoints: Endpoints;
let plain: Server;
let plainPort: number;

beforeAll(async () => {
  plain = createServer((req, res) => res.end(JSON.stringify({ service: 'gateway', host: req.headers.host })));
  await new Promise<void>((ok) => plain.listen(0, '127.0.0.1', ok));
  plainPort = (plain.address() as AddressInfo).port;
  endpoints = await startEndpoints({
    tlsDir: join(dir, 'tls'),
    regions: ['ap-northeast-2'],
    routes: {
      'dynamodb.ap-northeast-2.amazonaws.com': (req, res) =>
        res.end(JSON.stringify({ service: 'dynamodb', host: req.headers.host, url: req.url })),
      // A loopback URL target: proxied with the Host header the client sent.
      'abcdefghij.execute-api.ap-northeast-2.amazonaws.com': `http://127.0.0.1:${plainPort}`,
    },
  });
});

afterAll(async () => {
  await endpoints?.stop();
  await new Promise((ok) => plain?.close(ok));
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `code` (CommonJS) as an instance would run: the preload on its command line, its env. */
async function inInstance(
  code: string,
  env: Record<string, string> = endpoints.instanceEnv,
): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [...endpoints.nodeArgs, '-e', code], {
    env: { PATH: process.env.PATH, ...env },
  });
  return stdout.trim();
}

const GET = (url: string) => `
const https = require('node:https');
https.get(${JSON.stringify(url)}, (res) => {
  let body = '';
  res.on('data', (d) => (body += d));
  res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, type: res.headers['x-amzn-errortype'], body })));
}).on('error', (e) => console.log(JSON.stringify({ error: e.code || e.message })));
`;

describe('front door', () => {
  it('answers https.request to an AWS hostname, TLS verified against the local CA', async () => {
    const out = JSON.parse(await inInstance(GET('https://dynamodb.ap-northeast-2.amazonaws.com/x?y=1')));
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body)).toEqual({
      service: 'dynamodb',
      host: 'dynamodb.ap-northeast-2.amazonaws.com',
      url: '/x?y=1',
    });
  });

  it('forwards to a loopback service with the Host header the client signed', async () => {
    const out = JSON.parse(
      await inInstance(GET('https://abcdefghij.execute-api.ap-northeast-2.amazonaws.com/dev')),
    );
    expect(JSON.parse(out.body)).toEqual({
      service: 'gateway',
      host: 'abcdefghij.execute-api.ap-northeast-2.amazonaws.com',
    });
  });

  it('serves fetch() too', async () => {
    const out = await inInstance(
      "fetch('https://dynamodb.ap-northeast-2.amazonaws.com/f').then((r) => r.json()).then((j) => console.log(j.url))",
    );
    expect(out).toBe('/f');
  });

  it('answers an AWS hostname it does not emulate with a named error', async () => {
    const out = JSON.parse(await inInstance(GET('https://s3.ap-northeast-2.amazonaws.com/bucket')));
    expect(out.status).toBe(404);
    expect(out.type).toBe('UnknownEndpointException');
    expect(JSON.parse(out.body).message).toMatch(/does not emulate s3\.ap-northeast-2\.amazonaws\.com/);
  });

  it("gives another region's hostnames a certificate of their own, so TLS holds there too", async () => {
    const out = JSON.parse(await inInstance(GET('https://dynamodb.us-east-1.amazonaws.com/')));
    expect(out.error).toBeUndefined();
    expect(out.status).toBe(404);
    expect(JSON.parse(out.body).message).toMatch(/does not emulate dynamodb\.us-east-1\.amazonaws\.com/);
  });

  it('routes added later are served, and removed ones are not', async () => {
    const remove = endpoints.frontDoor.route('logs.ap-northeast-2.amazonaws.com', (_req, res) =>
      res.end('logs'),
    );
    expect(JSON.parse(await inInstance(GET('https://logs.ap-northeast-2.amazonaws.com/'))).body).toBe('logs');
    remove();
    expect(JSON.parse(await inInstance(GET('https://logs.ap-northeast-2.amazonaws.com/'))).status).toBe(404);
  });

  it('leaves other hosts and ports alone', async () => {
    // Not port 443: the connection goes where it was asked to (here, nowhere).
    const other = JSON.parse(await inInstance(GET('https://dynamodb.ap-northeast-2.amazonaws.com:8443/')));
    expect(other.error).toMatch(/ENOTFOUND|EAI_AGAIN|ECONNREFUSED/);
    const local = await inInstance(
      `require('node:http').get('http://127.0.0.1:${plainPort}/', (r) => { let b = ''; r.on('data', (d) => (b += d)); r.on('end', () => console.log(b)); })`,
    );
    expect(JSON.parse(local).service).toBe('gateway');
  });

  it('without the CA, an instance refuses the front door (the CA is what makes it trusted)', async () => {
    const { NODE_EXTRA_CA_CERTS: _, ...withoutCa } = endpoints.instanceEnv;
    const out = JSON.parse(
      await inInstance(GET('https://dynamodb.ap-northeast-2.amazonaws.com/'), withoutCa),
    );
    expect(out.error).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER_CERT/);
  });
});
