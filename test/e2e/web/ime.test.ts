/**
 * Korean input: Enter pressed while the IME is still composing a syllable must not send
 * (half a word), and the finished word must be sent exactly once. Chromium's own IME path
 * is driven through CDP (`Input.imeSetComposition` / `Input.insertText`), the calls a real
 * input method ends up making, so the page sees genuine composition events.
 */
import type { CDPSession, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { joinRoom, openPage } from './browser.ts';
import { useQuizPage } from './fixture.ts';

const setup = useQuizPage();

function chatsFrom(username: string): unknown[] {
  return setup.quiz.received
    .filter(
      (entry) => entry.username === username && (entry.message as { action?: string }).action === 'chat',
    )
    .map((entry) => (entry.message as { content?: unknown }).content);
}

async function compose(cdp: CDPSession, text: string): Promise<void> {
  await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
}

async function pressEnter(cdp: CDPSession, keyCode: number): Promise<void> {
  const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
}

/** Records what the page's own listeners saw, to prove the scenario really composed. */
async function recordKeys(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: string[] = [];
    (window as { imeLog?: string[] }).imeLog = log;
    const input = document.getElementById('chat-input');
    input?.addEventListener('compositionstart', () => log.push('start'));
    input?.addEventListener('compositionend', (event) => log.push(`end:${event.data}`));
    input?.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.keyCode === 229)
        log.push(`enter:${event.isComposing}:${event.keyCode}`);
    });
  });
}

const imeLog = (page: Page) => page.evaluate(() => (window as { imeLog?: string[] }).imeLog ?? []);

test('Enter during composition sends nothing; the committed word is sent once', async () => {
  const { page, problems } = await openPage(await setup.browser.newContext(), setup.web.url);
  await joinRoom(page, '한글러');
  await recordKeys(page);
  await page.focus('#chat-input');
  const cdp = await page.context().newCDPSession(page);

  // 사 is composed and committed, then 람 is being composed when Enter arrives.
  await compose(cdp, 'ㅅ');
  await compose(cdp, '사');
  await cdp.send('Input.insertText', { text: '사' });
  await compose(cdp, 'ㄹ');
  await compose(cdp, '라');
  await compose(cdp, '람');
  await pressEnter(cdp, 13);
  await pressEnter(cdp, 229);

  expect(await page.inputValue('#chat-input')).toBe('사람');
  const duringComposition = await imeLog(page);
  expect(duringComposition).toContain('start');
  expect(duringComposition.filter((entry) => entry.startsWith('enter:'))).toEqual([
    'enter:true:13',
    'enter:true:229',
  ]);

  await cdp.send('Input.insertText', { text: '람' });
  expect(await imeLog(page)).toContain('end:람');
  await pressEnter(cdp, 13);
  await expect.poll(() => chatsFrom('한글러')).toEqual(['사람']);
  expect(await page.inputValue('#chat-input')).toBe('');

  // A marker sent after: had any Enter above sent (early, or a second time), the server,
  // which receives one socket's frames in order, would hold it before this one.
  await page.keyboard.type('끝');
  await page.keyboard.press('Enter');
  await expect.poll(() => chatsFrom('한글러')).toEqual(['사람', '끝']);
  expect(problems).toEqual([]);
});

test('a keydown flagged 229 (IME processing) never sends, even outside a composition', async () => {
  const { page } = await openPage(await setup.browser.newContext(), setup.web.url);
  await joinRoom(page, 'ime229');
  await page.fill('#chat-input', '안녕');
  const seen = await page.evaluate(() => {
    const input = document.getElementById('chat-input');
    const flags: string[] = [];
    input?.addEventListener('keydown', (event) => flags.push(`${event.keyCode}:${event.isComposing}`));
    input?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, cancelable: true }),
    );
    input?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }));
    return flags;
  });
  expect(seen).toEqual(['229:false', '0:true']);
  // Sending clears the field, so text still there means neither keydown sent it.
  expect(await page.inputValue('#chat-input')).toBe('안녕');
  expect(chatsFrom('ime229')).toEqual([]);
  await page.press('#chat-input', 'Enter');
  await expect.poll(() => chatsFrom('ime229')).toEqual(['안녕']);
});
