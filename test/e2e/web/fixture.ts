/**
 * The set-up every browser test file shares, as hooks: one Chromium for the file (and the
 * screenshot folder), optionally the fixture quiz server and the web server in front of it, and
 * the apps a file starts with `startScript`, all stopped after its tests. Call at the top of a
 * file; read the returned object inside tests, once the hooks have filled it.
 */
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startWebServer, type WebServer } from '../../../emulator/web/server.ts';
import { type QuizServer, startQuizServer } from '../../fixtures/web/quiz-server.ts';
import { type Started, waitForExit } from '../../support/processes.ts';
import { ARTEFACTS, launchChromium } from './browser.ts';

export interface WithBrowser {
  browser: Browser;
}

/**
 * One Chromium for the file's tests, launched while `start` starts what the file tests (an app,
 * an emulator: both take seconds); `started` holds what it returned. Stopping that is the
 * file's own afterAll, which runs before the browser closes.
 */
export function useBrowser<S = undefined>(
  start?: () => Promise<S>,
  timeoutMs = 120_000,
): WithBrowser & { started: S } {
  const fixture = {} as WithBrowser & { started: S };
  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    const launching = launchChromium();
    try {
      fixture.started = (await start?.()) as S;
    } finally {
      // Kept even when `start` fails, so afterAll closes it.
      fixture.browser = await launching;
    }
  }, timeoutMs);
  afterAll(async () => {
    await fixture.browser?.close();
  });
  return fixture;
}

export interface WithQuizPage extends WithBrowser {
  quiz: QuizServer;
  web: WebServer;
}

/**
 * Chromium, the fixture quiz server, and the web server serving the page. `pageWs` is the
 * WebSocket URL the page's config.json names, by default the quiz server's.
 */
export function useQuizPage(options: { pageWs?: string } = {}): WithQuizPage {
  const fixture = {} as WithQuizPage;
  beforeAll(async () => {
    await mkdir(ARTEFACTS, { recursive: true });
    fixture.quiz = await startQuizServer();
    fixture.web = await startWebServer({
      host: '127.0.0.1',
      port: 0,
      wsUrl: options.pageWs ?? fixture.quiz.url,
    });
    fixture.browser = await launchChromium();
  });
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.web?.stop();
    await fixture.quiz?.stop();
  });
  return fixture;
}

/** Stops an app started with `startScript`: SIGTERM, then SIGKILL if it has not gone in 10 s. */
export async function stopApp(app: Started | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null) return;
  app.child.kill('SIGTERM');
  await waitForExit(app.child, 10_000).catch(() => app.child.kill('SIGKILL'));
}
