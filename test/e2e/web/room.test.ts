/**
 * The acceptance test: two browsers join one room over a real WebSocket, one answers,
 * both see the next consonants and the score; a hostile line is shown as text; the room is
 * photographed for the README.
 */
import { getChoseong } from 'es-hangul';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebServer, type WebServer } from '../../../emulator/web/server.ts';
import { QUIZ_WORDS, type QuizServer, startQuizServer } from '../../fixtures/web/quiz-server.ts';
import { ARTEFACTS, chat, joinRoom, openPage } from './browser.ts';
import { useQuizPage } from './fixture.ts';
import { playTwoPlayerRound } from './two-players.ts';

const setup = useQuizPage();

describe.each([
  ['scores on every frame', 'everywhere'],
  ['scores only in the join reply (the page counts from lastAnswer)', 'joined-only'],
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
    await playTwoPlayerRound(setup.browser, {
      webUrl: server.url,
      room: 'general',
      answerFor: (consonant) => {
        const word = QUIZ_WORDS.find((candidate) => getChoseong(candidate) === consonant);
        if (!word) throw new Error(`no fixture word for ${consonant}`);
        return word;
      },
      scoresBroadcast: scores === 'everywhere',
      screenshot: scores === 'everywhere' ? `${ARTEFACTS}/room.png` : undefined,
    });
  });
});

describe('one room page', () => {
  test('bad and unknown frames are ignored or reported, never fatal', async () => {
    const carol = await openPage(await setup.browser.newContext(), setup.web.url);
    await joinRoom(carol.page, 'carol', 'frames');

    setup.quiz.broadcastRaw('not json at all');
    setup.quiz.broadcastRaw('[1,2,3]');
    setup.quiz.broadcastRaw(JSON.stringify({ type: 'chat', username: 42, content: null }));
    setup.quiz.broadcastRaw(JSON.stringify({ id: 'x', answeredWords: 1 }));
    setup.quiz.broadcastRaw(JSON.stringify({ something: 'else' }));
    setup.quiz.broadcastRaw(
      JSON.stringify({ message: 'Internal server error', connectionId: 'c', requestId: 'r' }),
    );
    await expect.poll(() => carol.page.textContent('#notice')).toContain('Internal server error');

    setup.quiz.broadcastRaw(JSON.stringify({ error: { code: 'BadRequest', message: '<i>nope</i>' } }));
    await expect.poll(() => carol.page.textContent('#notice')).toContain('BadRequest');
    expect(await carol.page.$$('#notice i')).toHaveLength(0);

    await chat(carol.page, '아직 살아있음');
    await expect.poll(() => carol.page.textContent('#chat-log .what')).toBe('아직 살아있음');
    expect(await carol.page.textContent('#consonant')).toBe('ㅅㄹ');
    expect(carol.problems).toEqual([]);
  });

  test('rooms are apart: a chat in one room does not show in another', async () => {
    const dan = await openPage(await setup.browser.newContext(), `${setup.web.url}/#alpha`);
    const eve = await openPage(await setup.browser.newContext(), setup.web.url);
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
