/**
 * The connection comes back by itself: when the server drops every socket the page says it
 * is offline with a countdown, keeps unsent text, reconnects, and joins again.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startWebServer, type WebServer } from '../../../emulator/web/server.ts';
import { type QuizServer, startQuizServer } from '../../fixtures/web/quiz-server.ts';
import { chat, joinRoom, launchChromium, openPage } from './browser.ts';

let browser: Browser;
let quiz: QuizServer;
let web: WebServer;

beforeAll(async () => {
  quiz = await startQuizServer();
  // The page is told a dead URL; `?ws=` must win over config.json for anything to work.
  web = await startWebServer({ host: '127.0.0.1', port: 0, wsUrl: 'ws://127.0.0.1:9/nowhere' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await quiz?.stop();
});

test('drops, says so, keeps the text, reconnects and joins again', async () => {
  const context = await browser.newContext();
  const { page } = await openPage(context, `${web.url}/?ws=${encodeURIComponent(quiz.url)}`);
  await joinRoom(page, 'retry-kim');
  await quiz.waitForJoins('retry-kim', 1);

  quiz.dropAll();
  await page.waitForSelector('#status[data-state="offline"]');
  expect(await page.textContent('#status-countdown')).toMatch(/[01]/);
  expect(await page.isVisible('#retry')).toBe(true);

  await chat(page, '끊긴 동안');
  expect(await page.inputValue('#chat-input')).toBe('끊긴 동안');
  expect(await page.textContent('#notice')).not.toBe('');

  await page.waitForSelector('#status[data-state="online"]');
  await quiz.waitForJoins('retry-kim', 2);
  await page.press('#chat-input', 'Enter');
  await expect.poll(() => page.textContent('#chat-log')).toContain('끊긴 동안');
  expect(await page.textContent('#notice')).toBe('');

  const again = await context.newPage();
  await again.goto(web.url);
  expect(await again.inputValue('#nickname')).toBe('retry-kim');
});
