/**
 * Shared by the browser tests: Debian's Chromium through playwright-core, the web server
 * and the fixture quiz server, and a page that records its own errors so a test can assert
 * the page never threw and the CSP never had to block anything.
 */
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTEFACTS = 'test-results/web';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  /** Uncaught exceptions and console errors (CSP violations are reported as the latter). */
  problems: string[];
}

export async function openPage(context: BrowserContext, url: string): Promise<WatchedPage> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** Fills the one form and joins; resolves once the server's join reply has been applied. */
export async function joinRoom(page: Page, nickname: string, room?: string): Promise<void> {
  await page.fill('#nickname', nickname);
  if (room !== undefined) await page.fill('#room', room);
  await page.click('#join');
  await page.waitForSelector('#status[data-state="online"]');
  await page.waitForFunction(() => document.getElementById('consonant')?.textContent !== '…');
}

export async function chat(page: Page, text: string): Promise<void> {
  await page.fill('#chat-input', text);
  await page.press('#chat-input', 'Enter');
}
