/**
 * "Run your own app": public-sample-shaped stacks in os.tmpdir() folders, each run unchanged
 * through `npm start -- --stack FILE` (from this repository) and through the `chosung-workbench`
 * bin (from the app's own folder, reached through a symlink as `npm link` makes one), with real
 * ws clients, a real DynamoDB engine and the app's own handlers and node_modules.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { adminClients } from '../../support/engine.ts';
import { REPO, type Started, startCommand, startScript, waitForExit } from '../../support/processes.ts';
import { type SampleApp, samChatApp, serverlessAuthorizerApp } from './sample-apps.ts';

const linkDir = mkdtempSync(join(tmpdir(), 'workbench-link-'));
const linkedBin = join(linkDir, 'chosung-workbench');
symlinkSync(join(REPO, 'bin', 'chosung-workbench.mjs'), linkedBin);
afterAll(() => rmSync(linkDir, { recursive: true, force: true }));

type Launcher = { name: string; start(app: SampleApp, file: string, extra?: string[]): Promise<Started> };

const launchers: Launcher[] = [
  {
    name: 'npm start -- --stack FILE (from this repository)',
    start: (app, file, extra = []) =>
      startScript('scripts/start.ts', ['--stack', join(app.dir, file), ...extra]),
  },
  {
    name: 'chosung-workbench start --stack FILE (from the app folder, linked)',
    start: (app, file, extra = []) =>
      startCommand([linkedBin, 'start', '--stack', file, ...extra], { cwd: app.dir }),
  },
];

function open(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; messages: string[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: string[] = [];
    ws.on('message', (data) => messages.push(String(data)));
    ws.once('open', () => resolve({ ws, messages }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function refusal(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      reject(new Error('accepted'));
    });
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => undefined);
  });
}

async function stop(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  expect(await waitForExit(started.child, 5000)).toBe(0);
}

describe.each(launchers)('SAM chat template through $name', (launcher) => {
  const app = samChatApp();
  afterAll(() => app.remove());

  it('serves the template: its stage, table, functions and roles; connect and disconnect write the table', async () => {
    const started = await launcher.start(app, 'template.yaml', [
      '--parameter-overrides',
      'ConnectionsTableName=chat_sessions',
    ]);
    const { ddb } = adminClients(started.ready.dynamodb ?? '');
    try {
      expect(started.ready.stack).toBe(basename(app.dir));
      expect(started.ready.ws).toMatch(/\/Prod$/);
      expect(started.ready.web).toBeUndefined();
      expect(started.output()).toMatch(/Stage\s+Prod, region ap-northeast-2, API id [a-z0-9]{10}/);
      expect((await ddb.send(new ListTablesCommand({}))).TableNames).toContain('chat_sessions');

      const a = await open(started.ready.ws ?? '');
      const b = await open(started.ready.ws ?? '');
      const count = async () => (await ddb.send(new ScanCommand({ TableName: 'chat_sessions' }))).Count;
      await expect.poll(count, { timeout: 15_000 }).toBe(2);

      // sendmessage builds its @connections endpoint from the event, reached over the AWS hostname.
      a.ws.send(JSON.stringify({ action: 'sendmessage', data: 'hello from a' }));
      await expect.poll(() => b.messages, { timeout: 15_000 }).toContain('hello from a');
      await expect.poll(() => a.messages, { timeout: 15_000 }).toContain('hello from a');

      a.ws.close();
      await expect.poll(count, { timeout: 15_000 }).toBe(1);
      b.ws.close();
      await expect.poll(count, { timeout: 15_000 }).toBe(0);
      await stop(started);
    } finally {
      ddb.destroy();
      started.child.kill('SIGKILL');
    }
  }, 120_000);
});

describe.each(launchers)('serverless.yml with a connect authorizer through $name', (launcher) => {
  const app = serverlessAuthorizerApp();
  afterAll(() => app.remove());

  it('authorizes $connect with the app own module, and the context reaches later routes', async () => {
    const started = await launcher.start(app, 'serverless.yml');
    // The sample's region (provider.region), not the workbench's default.
    const { ddb } = adminClients(started.ready.dynamodb ?? '', 'eu-west-1');
    try {
      const url = started.ready.ws ?? '';
      expect(started.ready.stack).toBe('ws-auth-demo');
      expect(url).toMatch(/\/beta$/);
      expect(await refusal(`${url}?token=alice-token`)).toBe(401);
      expect(await refusal(`${url}?token=nobody`, { Auth: 'Bearer demo' })).toBe(401);
      expect(await refusal(`${url}?token=bob-token`, { Auth: 'Bearer demo' })).toBe(403);

      const alice = await open(`${url}?token=alice-token`, { Auth: 'Bearer demo' });
      const rows = await ddb.send(new ScanCommand({ TableName: 'ws-auth-demo-sessions-beta' }));
      expect(rows.Items?.map((item) => [item.principalId?.S, item.name?.S])).toEqual([['u-alice', 'Alice']]);

      alice.ws.send(JSON.stringify({ action: 'whoami' }));
      await expect.poll(() => alice.messages.length, { timeout: 15_000 }).toBe(1);
      const apiId = JSON.parse(alice.messages[0] ?? '{}').apiId;
      expect(JSON.parse(alice.messages[0] ?? '{}')).toEqual({
        principalId: 'u-alice',
        name: 'Alice',
        role: 'admin',
        stage: 'beta',
        apiId,
        domainName: `${apiId}.execute-api.eu-west-1.amazonaws.com`,
      });
      expect(apiId).toMatch(/^[a-z0-9]{10}$/);
      alice.ws.close();
      await expect
        .poll(
          async () => (await ddb.send(new ScanCommand({ TableName: 'ws-auth-demo-sessions-beta' }))).Count,
          {
            timeout: 15_000,
          },
        )
        .toBe(0);
      await stop(started);
    } finally {
      ddb.destroy();
      started.child.kill('SIGKILL');
    }
  }, 120_000);
});

describe.each(launchers)('a stack that cannot run, through $name', (launcher) => {
  const app = samChatApp();
  afterAll(() => app.remove());

  it('is refused before any engine starts, naming the file, the resource and what is supported', async () => {
    const template = join(app.dir, 'template.yaml');
    writeFileSync(
      template,
      readFileSync(template, 'utf8').replace('IntegrationType: AWS_PROXY', 'IntegrationType: HTTP_PROXY'),
    );
    const failure = await launcher.start(app, 'template.yaml').then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/exited with 2 before READY/);
    expect(failure).toMatch(
      /template\.yaml: ConnectIntegration: IntegrationType HTTP_PROXY; the emulator supports AWS_PROXY/,
    );
    expect(failure).not.toMatch(/DynamoDB engine|dynalite listening/);
  }, 60_000);
});
