/**
 * The connection comes back by itself: when the server drops every socket the page says it
 * is offline with a countdown, keeps unsent text, reconnects, and joins again.
 */
import { expect, test } from 'vitest';
import { chat, joinRoom, openPage } from './browser.ts';
import { useQuizPage } from './fixture.ts';

// The page is told a dead URL; `?ws=` must win over config.json for anything to work.
const setup = useQuizPage({ pageWs: 'ws://127.0.0.1:9/nowhere' });

test('drops, says so, keeps the text, reconnects and joins again', async () => {
  const context = await setup.browser.newContext();
  const { page } = await openPage(context, `${setup.web.url}/?ws=${encodeURIComponent(setup.quiz.url)}`);
  await joinRoom(page, 'retry-kim');
  await setup.quiz.waitForJoins('retry-kim', 1);

  setup.quiz.dropAll();
  await page.waitForSelector('#status[data-state="offline"]');
  expect(await page.textContent('#status-countdown')).toMatch(/[01]/);
  expect(await page.isVisible('#retry')).toBe(true);

  await chat(page, '끊긴 동안');
  expect(await page.inputValue('#chat-input')).toBe('끊긴 동안');
  expect(await page.textContent('#notice')).not.toBe('');

  await page.waitForSelector('#status[data-state="online"]');
  await setup.quiz.waitForJoins('retry-kim', 2);
  await page.press('#chat-input', 'Enter');
  await expect.poll(() => page.textContent('#chat-log')).toContain('끊긴 동안');
  expect(await page.textContent('#notice')).toBe('');

  const again = await context.newPage();
  await again.goto(setup.web.url);
  expect(await again.inputValue('#nickname')).toBe('retry-kim');
});
