/**
 * The room on a phone-sized screen (390×844, an iPhone 12-14): everything fits the width,
 * long words wrap instead of pushing the page sideways, and a picture is kept.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ARTEFACTS, chat, joinRoom, openPage } from './browser.ts';
import { useQuizPage } from './fixture.ts';

const setup = useQuizPage();

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Elements whose box reaches past the right edge of the viewport, by tag and class. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}#${element.id}`);
    if (document.documentElement.scrollWidth > width)
      out.push(`document ${document.documentElement.scrollWidth}`);
    return out;
  });
}

test('the room fits a phone and long text wraps', async () => {
  const { page, problems } = await openPage(await setup.browser.newContext(PHONE), setup.web.url);
  expect(await overflowing(page)).toEqual([]);
  await page.screenshot({ path: `${ARTEFACTS}/join-phone.png` });

  const longName = 'ㅋ'.repeat(20);
  await joinRoom(page, longName);
  await chat(page, 'https://example.com/'.concat('a'.repeat(200)));
  await chat(page, `정답은${'아주'.repeat(80)}길어요`);
  await chat(page, '사람');
  await expect.poll(() => page.textContent('#consonant')).toBe('ㄱㅇㅈ');
  await expect.poll(() => page.$$eval('#chat-log li', (lines) => lines.length)).toBe(3);

  expect(await overflowing(page)).toEqual([]);
  const consonant = await page.$eval('#consonant', (element) => element.getBoundingClientRect());
  const input = await page.$eval('#chat-input', (element) => element.getBoundingClientRect());
  expect(consonant.top).toBeLessThan(input.top);
  // The input stays on screen however long the chat grows: the log scrolls, not the page.
  expect(input.bottom).toBeLessThanOrEqual(PHONE.viewport.height);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
    PHONE.viewport.height,
  );
  expect(consonant.height).toBeGreaterThan(40);
  await page.screenshot({ path: `${ARTEFACTS}/room-phone.png` });
  expect(problems).toEqual([]);
});
