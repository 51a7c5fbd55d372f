/**
 * The web client against the real app, as users start it: `npm start` (the emulator, which serves
 * the page) and `npm run offline` (osls + serverless-offline; the offline script serves the page).
 * Two browsers play one round on each, so "the same page works on both" stays true, and the room
 * on the emulator is photographed for the README.
 */
import { mkdir } from 'node:fs/promises';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getChoseong } from 'es-hangul';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { adminClients } from '../../support/engine.ts';
import { type Started, startScript, waitForExit } from '../../support/processes.ts';
import { ARTEFACTS, launchChromium } from './browser.ts';
import { playTwoPlayerRound } from './two-players.ts';

const runtimes = [
  { name: 'npm start', script: 'scripts/start.ts', args: ['--no-watch'], screenshot: 'app-room.png' },
  { name: 'npm run offline', script: 'scripts/offline.ts', args: [], screenshot: 'offline-room.png' },
];
const started = new Map<string, Started>();
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTEFACTS, { recursive: true });
  const [apps, chromium] = await Promise.all([
    Promise.all(runtimes.map((r) => startScript(r.script, r.args))),
    launchChromium(),
  ]);
  for (const [i, runtime] of runtimes.entries()) started.set(runtime.name, apps[i] as Started);
  browser = chromium;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const app of started.values()) {
    if (app.child.exitCode !== null) continue;
    app.child.kill('SIGTERM');
    await waitForExit(app.child, 10_000).catch(() => app.child.kill('SIGKILL'));
  }
});

/** The question whose consonants the room shows, from the seeded word bank. */
async function questionFor(dynamodb: string, consonant: string): Promise<string> {
  const { doc } = adminClients(dynamodb);
  for (let index = 0; ; index++) {
    const { Item } = await doc.send(
      new GetCommand({ TableName: 'Words', Key: { key: `question#${index}` } }),
    );
    if (typeof Item?.word !== 'string') throw new Error(`no question in the word bank shows ${consonant}`);
    if (getChoseong(Item.word) === consonant) return Item.word;
  }
}

describe.each(runtimes)('on $name', (runtime) => {
  test('two players join, one answers, both see the next consonants and the score; hostile text stays text', async () => {
    const app = started.get(runtime.name);
    if (!app) throw new Error(`${runtime.name} did not start`);
    expect(app.ready.web).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await playTwoPlayerRound(browser, {
      webUrl: String(app.ready.web),
      // A fresh room per run keeps earlier runs' scores out of the picture.
      room: `web-${Date.now().toString(36)}`,
      answerFor: (consonant) => questionFor(String(app.ready.dynamodb), consonant),
      // The Lambda sends the room's table with the state after a right answer.
      scoresBroadcast: true,
      screenshot: `${ARTEFACTS}/${runtime.screenshot}`,
    });
  });
});
