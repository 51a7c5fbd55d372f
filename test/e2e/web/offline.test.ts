/**
 * The web client against `npm run offline`: the real app under osls + serverless-offline, with the
 * page served by the offline script itself (its `web` endpoint). Two browsers play one round, as
 * in room.test.ts, so the README's "the same page works against npm run offline" stays true.
 */
import { mkdir } from 'node:fs/promises';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getChoseong } from 'es-hangul';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { adminClients } from '../../support/engine.ts';
import { type Started, startScript, waitForExit } from '../../support/processes.ts';
import { ARTEFACTS, launchChromium } from './browser.ts';
import { playTwoPlayerRound } from './two-players.ts';

let offline: Started;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTEFACTS, { recursive: true });
  [offline, browser] = await Promise.all([startScript('scripts/offline.ts', []), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (offline?.child.exitCode === null) {
    offline.child.kill('SIGTERM');
    await waitForExit(offline.child, 10_000).catch(() => offline.child.kill('SIGKILL'));
  }
});

/** The question whose consonants the room shows, from the seeded word bank. */
async function questionFor(consonant: string): Promise<string> {
  const { doc } = adminClients(String(offline.ready.dynamodb));
  for (let index = 0; ; index++) {
    const { Item } = await doc.send(
      new GetCommand({ TableName: 'Words', Key: { key: `question#${index}` } }),
    );
    if (typeof Item?.word !== 'string') throw new Error(`no question in the word bank shows ${consonant}`);
    if (getChoseong(Item.word) === consonant) return Item.word;
  }
}

test('two players join, one answers, both see the next consonants and the score', async () => {
  expect(offline.ready.web).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await playTwoPlayerRound(browser, {
    webUrl: String(offline.ready.web),
    // A fresh room per run keeps earlier runs' scores out of the picture.
    room: `offline-${Date.now().toString(36)}`,
    answerFor: questionFor,
    // The Lambda sends scores in the join reply only, as room.test.ts's "joined-only" mode.
    scoresBroadcast: false,
    screenshot: `${ARTEFACTS}/offline-room.png`,
  });
});
