/**
 * The acceptance scenario as a function, so the same steps run against the fixture
 * quiz server here and against the real emulator (`startEmulator`) elsewhere: two browser
 * contexts join one room, one answers, both see the next consonants and the score, and a
 * hostile line shows as text.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { chat, joinRoom, openPage } from './browser.ts';

export interface TwoPlayersOptions {
  /** The page's URL (the web endpoint of READY). */
  webUrl: string;
  /** A correct answer for the consonants the room shows, e.g. from the word bank. */
  answerFor(consonant: string): string | Promise<string>;
  /** A fresh room per run keeps earlier runs' scores out of the picture. */
  room: string;
  /** Whether scores reach players beyond the join reply (so Alice's table lists Bob). */
  scoresBroadcast: boolean;
  /** Where to save a picture of the room after the round, if anywhere. */
  screenshot?: string | undefined;
}

const rows = (page: Page) =>
  page.$$eval('#scores tr', (trs) =>
    trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((cell) => cell.textContent?.trim()).join(' ')),
  );
const lines = (page: Page) =>
  page.$$eval('#chat-log .what', (items) => items.map((item) => item.textContent));

export async function playTwoPlayerRound(browser: Browser, options: TwoPlayersOptions): Promise<void> {
  const desktop = { viewport: { width: 1100, height: 720 } };
  const alice = await openPage(await browser.newContext(desktop), options.webUrl);
  const bob = await openPage(await browser.newContext(desktop), options.webUrl);
  try {
    await joinRoom(alice.page, '앨리스', options.room);
    await joinRoom(bob.page, 'bob', options.room);
    // Bob's join reply already lists Alice (ties sort by name).
    await expect.poll(() => rows(bob.page)).toEqual(['bob (나) 0', '앨리스 0']);

    const first = (await alice.page.textContent('#consonant')) ?? '';
    expect(first).toMatch(/^[ㄱ-ㅎ]+$/);
    expect(await bob.page.textContent('#consonant')).toBe(first);
    for (const { page } of [alice, bob]) {
      expect(await page.textContent('#room-name')).toBe(options.room);
      expect(await page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${options.room}`);
    }

    const word = await options.answerFor(first);
    await chat(bob.page, '안녕하세요');
    await expect.poll(() => lines(alice.page)).toEqual(['안녕하세요']);
    await chat(alice.page, word);

    for (const { page } of [alice, bob]) {
      await expect.poll(() => page.textContent('#answers li')).toBe(`앨리스${word}${first}`);
      await expect.poll(() => lines(page)).toEqual(['안녕하세요', word]);
      expect(await page.textContent('#consonant')).toMatch(/^[ㄱ-ㅎ]+$/);
      expect(await page.textContent('#last-answer')).toContain(word);
    }
    await expect
      .poll(() => bob.page.textContent('#consonant'))
      .toBe(await alice.page.textContent('#consonant'));
    await expect.poll(() => rows(bob.page)).toEqual(['앨리스 1', 'bob (나) 0']);
    await expect
      .poll(() => rows(alice.page))
      .toEqual(options.scoresBroadcast ? ['앨리스 (나) 1', 'bob 0'] : ['앨리스 (나) 1']);

    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>굵게</b>';
    await chat(bob.page, hostile);
    for (const { page } of [alice, bob]) {
      await expect.poll(async () => (await lines(page)).at(-1)).toBe(hostile);
      expect(await page.$$('#chat-log img, #chat-log script, #chat-log b')).toHaveLength(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    }

    await chat(bob.page, `긴단어${'가'.repeat(300)}`);
    await expect.poll(async () => (await lines(alice.page)).length).toBe(4);
    if (options.screenshot) await alice.page.screenshot({ path: options.screenshot });

    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  } finally {
    await alice.page.context().close();
    await bob.page.context().close();
  }
}
