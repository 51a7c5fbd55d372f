/**
 * The web client against the real app, as users start it: `npm start` (the emulator, which serves
 * the page) and `npm run offline` (osls + serverless-offline; the offline script serves the page).
 * Two browsers play one round on each, so "the same page works on both" stays true, and the room
 * on the emulator is photographed for the README.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getChoseong } from 'es-hangul';
import { afterAll, describe, expect, test } from 'vitest';
import { adminClients } from '../../support/engine.ts';
import { startScript } from '../../support/processes.ts';
import { ARTEFACTS } from './browser.ts';
import { stopApp, useBrowser } from './fixture.ts';
import { playTwoPlayerRound } from './two-players.ts';

const runtimes = [
  { name: 'npm start', script: 'scripts/start.ts', args: ['--no-watch'], screenshot: 'app-room.png' },
  { name: 'npm run offline', script: 'scripts/offline.ts', args: [], screenshot: 'offline-room.png' },
];
const setup = useBrowser(() => Promise.all(runtimes.map((r) => startScript(r.script, r.args))));

afterAll(async () => {
  for (const app of setup.started ?? []) await stopApp(app);
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
    const app = setup.started[runtimes.indexOf(runtime)];
    if (!app) throw new Error(`${runtime.name} did not start`);
    expect(app.ready.web).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await playTwoPlayerRound(setup.browser, {
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
