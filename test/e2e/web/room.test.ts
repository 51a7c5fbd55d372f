/**
 * The acceptance test: two browsers join one room over a real WebSocket, one answers,
 * both see the next consonants and the score; a hostile line is shown as text; the room is
 * photographed for the README.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebServer, type WebServer } from '../../../emulator/web/server.ts';
import { type QuizServer, startQuizServer } from '../../fixtures/web/quiz-server.ts';
import { ARTEFACTS, chat, joinRoom, launchChromium, openPage } from './browser.ts';

let browser: Browser;
let quiz: QuizServer;
let web: WebServer;

beforeAll(async () => {
  await mkdir(ARTEFACTS, { recursive: true });
  quiz = await startQuizServer();
  web = await startWebServer({ host: '127.0.0.1', port: 0, wsUrl: quiz.url });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await quiz?.stop();
});

describe.each([
  ['scores on every frame', 'everywhere'],
  ['scores only in the join reply (the Lambda today)', 'joined-only'],
] as const)('two players, %s', (_name, scores) => {
  let server: WebServer;
  let room: QuizServer;

  beforeAll(async () => {
    room = await startQuizServer({ scores });
    server = await startWebServer({ host: '127.0.0.1', port: 0, wsUrl: room.url });
  });

  afterAll(async () => {
    await server?.stop();
    await room?.stop();
  });

  test('both join, one answers, both see the next consonants and the score', async () => {
    const desktop = { viewport: { width: 1100, height: 720 } };
    const alice = await openPage(await browser.newContext(desktop), server.url);
    const bob = await openPage(await browser.newContext(desktop), server.url);
    await joinRoom(alice.page, '앨리스');
    await joinRoom(bob.page, 'bob');
    // Bob's join reply lists Alice; Alice learns of Bob only when scores travel beyond it.
    await expect.poll(() => bob.page.$$eval('#scores tr', (rows) => rows.length)).toBe(2);

    for (const { page } of [alice, bob]) {
      await expect.poll(() => page.textContent('#consonant')).toBe('ㅅㄹ');
      await expect.poll(() => page.textContent('#room-name')).toBe('general');
      expect(await page.evaluate(() => location.hash)).toBe('#general');
    }

    await chat(bob.page, '안녕하세요');
    await chat(alice.page, '사람');

    for (const { page } of [alice, bob]) {
      await expect.poll(() => page.textContent('#consonant')).toBe('ㄱㅇㅈ');
      await expect
        .poll(() =>
          page.$$eval('#scores tr', (rows) => rows.map((row) => row.textContent?.replace(/\s+/g, ' '))),
        )
        .toEqual([expect.stringMatching(/^앨리스.*1$/), expect.stringMatching(/^bob.*0$/)]);
      await expect.poll(() => page.textContent('#answers li')).toBe('앨리스사람ㅅㄹ');
      await expect
        .poll(() => page.$$eval('#chat-log .what', (lines) => lines.map((line) => line.textContent)))
        .toEqual(['안녕하세요', '사람']);
    }
    expect(await alice.page.textContent('#scores tr.mine')).toContain('앨리스');
    expect(await alice.page.textContent('#last-answer')).toContain('사람');

    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>굵게</b>';
    await chat(bob.page, hostile);
    for (const { page } of [alice, bob]) {
      await expect
        .poll(() => page.$$eval('#chat-log .what', (lines) => lines.at(-1)?.textContent))
        .toBe(hostile);
      expect(await page.$$('#chat-log img, #chat-log script, #chat-log b')).toHaveLength(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    }

    await chat(bob.page, `긴단어${'가'.repeat(300)}`);
    await expect.poll(() => alice.page.$$eval('#chat-log .what', (lines) => lines.length)).toBe(4);
    if (scores === 'everywhere') await alice.page.screenshot({ path: `${ARTEFACTS}/room.png` });

    expect(alice.problems).toEqual([]);
    expect(bob.problems).toEqual([]);
  });
});

describe('one room page', () => {
  test('bad and unknown frames are ignored or reported, never fatal', async () => {
    const carol = await openPage(await browser.newContext(), web.url);
    await joinRoom(carol.page, 'carol', 'frames');

    quiz.broadcastRaw('not json at all');
    quiz.broadcastRaw('[1,2,3]');
    quiz.broadcastRaw(JSON.stringify({ type: 'chat', username: 42, content: null }));
    quiz.broadcastRaw(JSON.stringify({ id: 'x', answeredWords: 1 }));
    quiz.broadcastRaw(JSON.stringify({ something: 'else' }));
    quiz.broadcastRaw(
      JSON.stringify({ message: 'Internal server error', connectionId: 'c', requestId: 'r' }),
    );
    await expect.poll(() => carol.page.textContent('#notice')).toContain('Internal server error');

    quiz.broadcastRaw(JSON.stringify({ error: { code: 'BadRequest', message: '<i>nope</i>' } }));
    await expect.poll(() => carol.page.textContent('#notice')).toContain('BadRequest');
    expect(await carol.page.$$('#notice i')).toHaveLength(0);

    await chat(carol.page, '아직 살아있음');
    await expect.poll(() => carol.page.textContent('#chat-log .what')).toBe('아직 살아있음');
    expect(await carol.page.textContent('#consonant')).toBe('ㅅㄹ');
    expect(carol.problems).toEqual([]);
  });

  test('rooms are apart: a chat in one room does not show in another', async () => {
    const dan = await openPage(await browser.newContext(), `${web.url}/#alpha`);
    const eve = await openPage(await browser.newContext(), web.url);
    expect(await dan.page.inputValue('#room')).toBe('alpha');
    await joinRoom(dan.page, 'dan');
    await joinRoom(eve.page, 'eve', 'beta');
    await chat(dan.page, 'alpha only');
    await chat(eve.page, 'beta only');
    await expect.poll(() => eve.page.textContent('#chat-log')).toContain('beta only');
    await expect.poll(() => dan.page.textContent('#chat-log')).toContain('alpha only');
    expect(await eve.page.textContent('#chat-log')).not.toContain('alpha only');
    expect(await dan.page.textContent('#chat-log')).not.toContain('beta only');
  });
});
