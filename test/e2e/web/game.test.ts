/**
 * The game as players expect it, in Chromium against the real app (`npm start -- --host 0.0.0.0`,
 * the way an instructor lets a classroom in): pages load through the machine's own LAN address;
 * a player keeps nickname and score across a reload; a nickname in use is refused; each room asks
 * its own predicted sequence; English mode is English throughout; a late joiner sees the whole
 * history; the first screen lists the rooms; keyboard-only play, live consonants and AA contrast.
 * Phone and desktop screenshots land in test-results/web/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { lanAddresses } from '../../../emulator/web/lan.ts';
import { initialConsonants } from '../../../lambda/src/rules/consonants.ts';
import { questionOrder } from '../../../lambda/src/rules/shuffle.ts';
import { QUESTIONS } from '../../../lambda/src/words/questions.ts';
import { startScript } from '../../support/processes.ts';
import { ARTEFACTS, chat, joinRoom, openPage, type WatchedPage } from './browser.ts';
import { stopApp, useBrowser } from './fixture.ts';
import { answerItems, contrastFailures, DESKTOP, PHONE, pageOwnText, scoreRows } from './page-checks.ts';

// Each step waits on Lambda instances that may start cold while other suites load the machine.
vi.setConfig({ testTimeout: 180_000 });

const LAN = lanAddresses()[0];
let webUrl: string;
const contexts: BrowserContext[] = [];
const run = Date.now().toString(36);

/** The questions in the order `room` asks them: the same rule the Lambda uses. */
/** Lambda instances start cold and the page reacts to their posts: wait as long as a player would. */
const poll = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 20_000, interval: 100 });

const sequence = (room: string) => questionOrder(room, QUESTIONS.length).map((i) => QUESTIONS[i] as string);

const setup = useBrowser(async () => {
  if (!LAN) throw new Error('this machine has no non-loopback IPv4 address to load the page through');
  return startScript('scripts/start.ts', ['--no-watch', '--host', '0.0.0.0']);
});

beforeAll(() => {
  webUrl = `http://${LAN}:${new URL(String(setup.started.ready.web)).port}`;
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await stopApp(setup.started);
});

async function newPage(options: object, url = webUrl): Promise<WatchedPage> {
  const context = await setup.browser.newContext(options);
  contexts.push(context);
  return openPage(context, url);
}

/** Sends the room's question at `position` (its own word is always a right answer). */
async function answer(page: Page, room: string, position: number): Promise<string> {
  const word = sequence(room)[position] as string;
  const before = await page.textContent('#consonant');
  expect(before).toBe(initialConsonants(word));
  await chat(page, word);
  await poll(() => page.$$eval('#chat-log li.correct .what', (l) => l.map((x) => x.textContent))).toContain(
    word,
  );
  return word;
}

describe('a room of phones on one laptop', () => {
  test('the banner lists the LAN URL with a QR code; config.json names the Host the page came from', async () => {
    const output = setup.started.output();
    expect(output).toContain(`    ${webUrl}`);
    expect(output).toMatch(/QR 코드로 참여/);
    expect(output).toMatch(/[▄▀█]{5}/);
    const config = (await (await fetch(`${webUrl}/config.json`)).json()) as { ws: string };
    expect(config.ws).toBe(`ws://${LAN}:${new URL(String(setup.started.ready.ws)).port}/dev`);
    const local = (await (await fetch(`${setup.started.ready.web}/config.json`)).json()) as { ws: string };
    expect(local.ws).toBe(setup.started.ready.ws);
  });

  test('two pages loaded through the LAN address play a round together', async () => {
    const room = `lan-${run}`;
    const phone = await newPage(PHONE);
    const laptop = await newPage(DESKTOP);
    expect(phone.page.url()).toContain(LAN);
    await joinRoom(phone.page, '폰', room);
    await joinRoom(laptop.page, 'laptop', room);
    const word = await answer(phone.page, room, 0);
    for (const { page } of [phone, laptop]) {
      await poll(() => page.textContent('#consonant')).toBe(initialConsonants(sequence(room)[1] ?? ''));
      await poll(() => answerItems(page)).toEqual([`폰${word}${initialConsonants(word)}`]);
    }
    await poll(() => scoreRows(laptop.page)).toEqual(['폰 1', 'laptop (나) 0']);
    await phone.page.screenshot({ path: `${ARTEFACTS}/lan-phone.png` });
    await laptop.page.screenshot({ path: `${ARTEFACTS}/lan-desktop.png` });
    expect([...phone.problems, ...laptop.problems]).toEqual([]);
  });
});

describe('player identity per room', () => {
  test('a reload keeps nickname and score; everyone sees the same table', async () => {
    const room = `keep-${run}`;
    const kim = await newPage(DESKTOP);
    const observer = await newPage(PHONE);
    await joinRoom(kim.page, 'kim', room);
    await joinRoom(observer.page, 'obs', room);
    await answer(kim.page, room, 0);
    await poll(() => scoreRows(observer.page)).toEqual(['kim 1', 'obs (나) 0']);

    await kim.page.reload();
    expect(await kim.page.inputValue('#nickname')).toBe('kim');
    expect(await kim.page.inputValue('#room')).toBe(room);
    await kim.page.click('#join');
    await kim.page.waitForSelector('#status[data-state="online"]');
    await poll(() => scoreRows(kim.page)).toEqual(['kim (나) 1', 'obs 0']);
    await answer(kim.page, room, 1);
    await poll(() => scoreRows(kim.page)).toEqual(['kim (나) 2', 'obs 0']);
    await poll(() => scoreRows(observer.page)).toEqual(['kim 2', 'obs (나) 0']);
    expect([...kim.problems, ...observer.problems]).toEqual([]);
  });

  test('the same nickname from another browser is refused with a clear message', async () => {
    const room = `twice-${run}`;
    const first = await newPage(DESKTOP);
    await joinRoom(first.page, 'lee', room);
    for (const [options, name] of [
      [PHONE, 'phone'],
      [DESKTOP, 'desktop'],
    ] as const) {
      const other = await newPage(options);
      await other.page.fill('#nickname', 'lee');
      await other.page.fill('#room', room);
      await other.page.click('#join');
      await poll(() => other.page.textContent('#join-error')).toContain('다른 닉네임');
      expect(await other.page.getAttribute('body', 'data-phase')).toBe('form');
      expect(await other.page.evaluate(() => document.activeElement?.id)).toBe('nickname');
      await other.page.screenshot({ path: `${ARTEFACTS}/nickname-refused-${name}.png` });
    }
    // The first player never noticed.
    expect(await first.page.getAttribute('body', 'data-phase')).toBe('room');
    expect(await scoreRows(first.page)).toEqual(['lee (나) 0']);
  });

  test('the same player in a second tab takes the seat over; the first tab says so and stays put', async () => {
    const room = `tabs-${run}`;
    const tab1 = await newPage(DESKTOP);
    await joinRoom(tab1.page, 'park', room);
    await answer(tab1.page, room, 0);
    const friend = await newPage(PHONE);
    await joinRoom(friend.page, 'friend', room);

    const tab2 = await openPage(tab1.page.context(), webUrl);
    await tab2.page.fill('#room', room);
    await tab2.page.click('#join');
    await tab2.page.waitForSelector('#status[data-state="online"]');
    await poll(() => scoreRows(tab2.page)).toEqual(['park (나) 1', 'friend 0']);
    await poll(() => tab1.page.textContent('#notice')).toContain('다른 창');
    expect(await tab1.page.isVisible('#rejoin')).toBe(true);
    await chat(friend.page, '누가 받나');
    await poll(() => tab2.page.textContent('#chat-log')).toContain('누가 받나');
    expect(await tab1.page.textContent('#chat-log')).not.toContain('누가 받나');
    // It does not reconnect by itself (the two tabs would take the seat back and forth).
    expect(await tab1.page.getAttribute('#status', 'data-state')).toBe('closed');
    await tab1.page.screenshot({ path: `${ARTEFACTS}/replaced-desktop.png` });
    expect(tab2.problems).toEqual([]);
  });
});

describe('questions, language, history', () => {
  test('each room asks its own sequence, as rules/shuffle.ts predicts', async () => {
    const rooms = [`alpha-${run}`, `beta-${run}`, `gamma-${run}`];
    const { page } = await newPage(DESKTOP);
    const seen: string[][] = [];
    for (const room of rooms) {
      await joinRoom(page, `s-${room.slice(0, 5)}`, room);
      const consonants = [(await page.textContent('#consonant')) ?? ''];
      for (let position = 0; position < 3; position++) {
        await answer(page, room, position);
        await poll(() => page.textContent('#consonant')).not.toBe(consonants.at(-1));
        consonants.push((await page.textContent('#consonant')) ?? '');
      }
      expect(consonants).toEqual(sequence(room).slice(0, 4).map(initialConsonants));
      seen.push(consonants);
      await page.click('#leave');
    }
    expect(new Set(seen.map((s) => s.join())).size).toBe(rooms.length);
  });

  test('English mode is English: the answer line, the times, every label; the headers keep off the edges', async () => {
    const room = `english-${run}`;
    for (const [options, name] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { page, problems } = await newPage(options);
      await page.click('#lang');
      await joinRoom(page, `앨리스${name}`, room);
      const word = await answer(page, room, name === 'desktop' ? 0 : 1);
      await poll(() => page.textContent('#last-answer')).toBe(`앨리스${name} got it: "${word}"!`);
      expect(await page.textContent('#chat-log .line.correct .mark')).toBe('✓ correct');
      const times = await page.$$eval('#chat-log time', (t) => t.map((x) => x.textContent ?? ''));
      expect(times.length).toBeGreaterThan(0);
      for (const time of times) expect(time).toMatch(/^\d{1,2}:\d{2}\s?[AP]M$/);
      for (const text of await pageOwnText(page))
        expect(text, text).not.toMatch(/[\u3131-\u318e\uac00-\ud7a3]/);
      // The Answers header sits inside its card, not on its edge.
      const gap = await page.$eval('#scores-label', (label) => {
        const card = label.closest('section')?.getBoundingClientRect();
        const header = document.querySelector('.scores th:last-child')?.getBoundingClientRect();
        return (card?.right ?? 0) - (header?.right ?? 0);
      });
      expect(gap).toBeGreaterThanOrEqual(8);
      await page.screenshot({ path: `${ARTEFACTS}/english-${name}.png` });

      // Back to Korean: what is already on screen follows.
      await page.click('#lang');
      expect(await page.textContent('#last-answer')).toBe(`앨리스${name} 님이 "${word}" 정답!`);
      for (const time of await page.$$eval('#chat-log time', (t) => t.map((x) => x.textContent ?? '')))
        expect(time).toMatch(/^(오전|오후) \d{1,2}:\d{2}$/);
      expect(await page.textContent('#chat-log .line.correct .mark')).toBe('✓ 정답');
      expect(problems).toEqual([]);
    }
  });

  test('a late joiner sees the whole history with consonants, and the right answers marked in the chat', async () => {
    const room = `late-${run}`;
    const early = await newPage(DESKTOP);
    await joinRoom(early.page, 'early', room);
    const words: string[] = [];
    for (let position = 0; position < 3; position++) {
      await chat(early.page, `틀린말${position}`);
      words.push(await answer(early.page, room, position));
    }
    for (const [options, name] of [
      [PHONE, 'phone'],
      [DESKTOP, 'desktop'],
    ] as const) {
      const late = await newPage(options);
      await joinRoom(late.page, `late-${name}`, room);
      await poll(() => answerItems(late.page)).toEqual(
        words.map((word) => `early${word}${initialConsonants(word)}`).reverse(),
      );
      const marked = await late.page.$$eval('#chat-log li.correct .what', (l) => l.map((x) => x.textContent));
      expect(marked).toEqual(words);
      expect(await late.page.$$('#chat-log li:not(.correct)')).toHaveLength(3);
      await late.page.screenshot({ path: `${ARTEFACTS}/late-joiner-${name}.png` });
      expect(late.problems).toEqual([]);
    }
  });
});

describe('the first screen', () => {
  test('explains the game in three lines, lists the rooms with their players, remembers the nickname', async () => {
    const room = `lobby-${run}`;
    const a = await newPage(DESKTOP);
    const b = await newPage(DESKTOP);
    await joinRoom(a.page, 'lobby-a', room);
    await joinRoom(b.page, 'lobby-b', room);
    for (const [options, name] of [
      [PHONE, 'phone'],
      [DESKTOP, 'desktop'],
    ] as const) {
      const visitor = await newPage(options);
      expect(
        await visitor.page.$$eval('.how-to li', (l) => l.map((x) => x.textContent?.trim())),
      ).toHaveLength(3);
      const entry = visitor.page.locator(`.room-choice[data-room="${room}"]`);
      await poll(() => entry.textContent()).toBe(`${room}2명`);
      expect(await entry.getAttribute('aria-label')).toBe(`${room} 방에 입장 (2명)`);
      await visitor.page.screenshot({ path: `${ARTEFACTS}/first-screen-${name}.png`, fullPage: true });
      await visitor.page.fill('#nickname', `v-${name}`);
      await entry.click();
      await visitor.page.waitForSelector('#status[data-state="online"]');
      expect(await visitor.page.textContent('#room-name')).toBe(room);
      await visitor.page.reload();
      expect(await visitor.page.inputValue('#nickname')).toBe(`v-${name}`);
      expect(visitor.problems).toEqual([]);
    }
  });
});

describe('accessibility', () => {
  test('keyboard only: join from the room list, answer, hear the new consonants once', async () => {
    const room = `keys-${run}`;
    const host = await newPage(DESKTOP);
    await joinRoom(host.page, 'keys-host', room);
    const { page, problems } = await newPage(DESKTOP);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('nickname');
    await page.keyboard.type('키보드');
    // Tab past the form to this room's entry in the list, then Enter.
    await page.locator(`.room-choice[data-room="${room}"]`).waitFor();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if (
        await page.evaluate((r) => (document.activeElement as HTMLElement | null)?.dataset.room === r, room)
      )
        break;
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status[data-state="online"]');
    expect(await page.textContent('#room-name')).toBe(room);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat-input');
    // The join reply's consonants first; from then on, each change is one announcement.
    await page.waitForFunction(() => document.getElementById('consonant')?.textContent !== '…');

    expect(await page.getAttribute('#consonant', 'aria-live')).toBe('polite');
    await page.evaluate(() => {
      const target = document.getElementById('consonant') as HTMLElement;
      const w = window as unknown as { announced: string[] };
      w.announced = [];
      new MutationObserver((records) => {
        for (const _record of records) w.announced.push(target.textContent ?? '');
      }).observe(target, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const word = sequence(room)[0] as string;
    expect(await page.textContent('#consonant')).toBe(initialConsonants(word));
    await page.keyboard.type('그냥 말');
    await page.keyboard.press('Enter');
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    const next = initialConsonants(sequence(room)[1] ?? '');
    await poll(() => page.evaluate(() => (window as unknown as { announced: string[] }).announced)).toEqual([
      next,
    ]);
    await chat(host.page, '또 다른 말');
    await poll(() => page.textContent('#chat-log')).toContain('또 다른 말');
    expect(await page.evaluate(() => (window as unknown as { announced: string[] }).announced)).toEqual([
      next,
    ]);
    await poll(() => scoreRows(page)).toEqual(['키보드 (나) 1', 'keys-host 0']);
    expect(problems).toEqual([]);
  });

  test('every text meets WCAG AA contrast, on both screens, phone and desktop', async () => {
    const room = `contrast-${run}`;
    for (const options of [DESKTOP, PHONE]) {
      const { page } = await newPage(options);
      await page.locator('.room-choice').first().waitFor();
      await page.click('#join');
      expect(await contrastFailures(page)).toEqual([]);
      await joinRoom(page, `c${options.viewport.width}`, room);
      await answer(page, room, options === DESKTOP ? 0 : 1);
      await chat(page, '대비 확인');
      await poll(() => page.textContent('#chat-log')).toContain('대비 확인');
      expect(await contrastFailures(page)).toEqual([]);
      await page.click('#lang');
      expect(await contrastFailures(page)).toEqual([]);
    }
  });
});
