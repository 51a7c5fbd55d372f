/**
 * The /trace page in Chromium, on `npm start` (the app as users start it): a chat between two
 * clients appears as frame in → invoke → DynamoDB calls → PostToConnection → frames out; a click
 * shows the span's IAM evaluation; a role without execute-api:ManageConnections shows its denied
 * posts in red. Korean and English. Screenshots go to test-results/trace/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { loadPolicy } from '../../../lessons/shared/policies.ts';
import { workshopStack } from '../../../lessons/shared/workshop-stack.ts';
import { connectClient } from '../../../lessons/shared/ws-client.ts';
import { connect, isChat } from '../../conformance/clients.ts';
import { startTestEmulator } from '../../support/emulator.ts';
import { REPO, startScript } from '../../support/processes.ts';
import { openPage } from '../web/browser.ts';
import { stopApp, useBrowser } from '../web/fixture.ts';

const SHOTS = 'test-results/trace';
let work: string;

const setup = useBrowser(async () => {
  await mkdir(SHOTS, { recursive: true });
  work = await mkdtemp(join(tmpdir(), 'trace-page-'));
  // The app's own policy, minus every statement that grants ManageConnections.
  const app = loadPolicy('app-least-privilege');
  const statements = Array.isArray(app.Statement) ? app.Statement : [app.Statement];
  const noPost = {
    ...app,
    Statement: statements.filter((s) => !JSON.stringify(s.Action).includes('ManageConnections')),
  };
  expect(noPost.Statement.length).toBeLessThan(statements.length);
  await writeFile(join(work, 'no-post.json'), JSON.stringify(noPost));
  const env = (name: string) => ({
    TRACE_DIR: join(work, name, 'trace'),
    LOGS_DIR: join(work, name, 'logs'),
  });
  const [allowed, denied] = await Promise.all([
    startScript('scripts/start.ts', ['--no-watch'], env('allowed')),
    startScript('scripts/start.ts', ['--no-watch', '--policy', join(work, 'no-post.json')], env('denied')),
  ]);
  return { allowed, denied };
}, 180_000);

afterAll(async () => {
  await stopApp(setup.started?.allowed);
  await stopApp(setup.started?.denied);
  if (work) await rm(work, { recursive: true, force: true });
});

async function chat(ws: string, room: string, content: string, expectDelivery: boolean): Promise<void> {
  const a = await connect(`${ws}?room=${room}`);
  const b = await connect(`${ws}?room=${room}`);
  try {
    a.socket.send(JSON.stringify({ username: 'alice', content }));
    if (expectDelivery)
      await b.waitFor((f): f is unknown => isChat(f) && f.content === content, 'the chat', 15_000);
  } finally {
    a.close();
    b.close();
  }
}

const row = (page: Page, selector: string) => page.locator(`#rows .row${selector}`);

describe('the /trace page', () => {
  test('READY names the page and the Logs API', () => {
    expect(setup.started.allowed.ready.trace).toBe(`${setup.started.allowed.ready.web}/trace`);
    expect(setup.started.allowed.ready.logs).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('shows a chat live, from frame in to frames out, and the IAM evaluation of a call (English)', async () => {
    const context = await setup.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1400, height: 900 },
    });
    try {
      const { page, problems } = await openPage(context, String(setup.started.allowed.ready.trace));
      await page.waitForSelector('#status[data-state="live"]');
      await expect.poll(() => page.locator('h1').textContent()).toBe('Message trace');
      const room = `trace-${Date.now().toString(36)}`;
      await chat(String(setup.started.allowed.ready.ws), room, 'hello trace page', true);

      await row(page, '[data-kind="frame-in"]').first().waitFor();
      await row(page, '[data-kind="invoke"]').first().waitFor();
      const putChat = row(page, '[data-kind="call"]').filter({ hasText: 'PutItem Chat' });
      await putChat.first().waitFor();
      const post = row(page, '[data-kind="call"]').filter({ hasText: 'PostToConnection' });
      await expect.poll(() => post.count(), { timeout: 15_000 }).toBe(2);
      await expect
        .poll(() => row(page, '[data-kind="frame-out"]').filter({ hasText: 'PostToConnection' }).count())
        .toBe(2);
      await row(page, '[data-kind="return"]').first().waitFor();

      // The room filter keeps this chat's spans.
      await page.selectOption('#f-room', room);
      await expect.poll(() => row(page, '[data-kind="frame-in"]').count()).toBe(1);

      await post.first().click();
      const detail = page.locator('#detail-body');
      await expect.poll(() => detail.textContent()).toContain('IAM evaluation');
      await expect.poll(() => detail.textContent()).toContain('Allowed by statement');
      await expect.poll(() => detail.textContent()).toContain('execute-api:ManageConnections');
      await page.screenshot({ path: `${SHOTS}/chat-en.png`, fullPage: false });

      await page.click('#lang');
      await expect.poll(() => page.locator('h1').textContent()).toBe('메시지 추적');
      await expect.poll(() => detail.textContent()).toContain('허용한 문장');
      await expect
        .poll(() => row(page, '[data-kind="frame-in"]').first().textContent())
        .toMatch(/^프레임 \d+ B → 라우트 \$default$/);
      await expect.poll(() => row(page, '[data-kind="invoke"]').first().textContent()).toContain('호출');
      await page.screenshot({ path: `${SHOTS}/chat-ko.png`, fullPage: false });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  test('shows the denied posts of a role without execute-api:ManageConnections in red (Korean by default)', async () => {
    const context = await setup.browser.newContext({
      locale: 'ko-KR',
      viewport: { width: 1400, height: 900 },
    });
    try {
      const { page, problems } = await openPage(context, String(setup.started.denied.ready.trace));
      await page.waitForSelector('#status[data-state="live"]');
      await expect.poll(() => page.locator('h1').textContent()).toBe('메시지 추적');
      await chat(
        String(setup.started.denied.ready.ws),
        `denied-${Date.now().toString(36)}`,
        '안녕하세요',
        false,
      );
      const deniedPost = row(page, '[data-kind="call"][data-status="denied"]').filter({
        hasText: 'PostToConnection',
      });
      await deniedPost.first().waitFor({ timeout: 15_000 });
      expect(await deniedPost.first().textContent()).toContain('거부됨');
      const color = await deniedPost
        .first()
        .locator('.arrow')
        .evaluate((el) => getComputedStyle(el).color);
      expect(color).toBe('rgb(198, 40, 40)');
      await deniedPost.first().click();
      const detail = page.locator('#detail-body');
      await expect.poll(() => detail.textContent()).toContain('거부 이유');
      await expect
        .poll(() => detail.textContent())
        .toContain('is not authorized to perform: execute-api:ManageConnections');
      await page.screenshot({ path: `${SHOTS}/denied-ko.png`, fullPage: false });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  test('shows the late write of a missing await, on an emulator without a web server (the page beside the Logs API)', async () => {
    const stack = workshopStack({
      name: 'trace-page-late',
      entry: join(REPO, 'test', 'fixtures', 'functions', 'missing-await-then-busy.ts'),
      routes: ['$connect', '$disconnect', '$default'],
    });
    const emulator = await startTestEmulator(stack, {
      maxInstancesPerFunction: 1,
    });
    const context = await setup.browser.newContext({
      locale: 'en-US',
      viewport: { width: 1400, height: 700 },
    });
    try {
      expect(emulator.urls.trace).toBe(`${emulator.urls.logs}/trace`);
      const { page, problems } = await openPage(context, String(emulator.urls.trace));
      await page.waitForSelector('#status[data-state="live"]');
      const client = await connectClient(emulator.urls.ws, 'wscat');
      client.send('hello');
      const late = row(page, '[data-kind="call"][data-status="late"]');
      await late.first().waitFor({ timeout: 15_000 });
      expect(await late.first().textContent()).toMatch(/⚠ PutItem User → 200 .*LATE: after END/);
      await late.first().click();
      await expect
        .poll(() => page.locator('#detail-body').textContent())
        .toContain('the signature of a missing await');
      await page.screenshot({ path: `${SHOTS}/late-write-en.png` });
      expect(problems).toEqual([]);
      await client.close();
    } finally {
      await context.close();
      await emulator.stop();
    }
  }, 90_000);
});
