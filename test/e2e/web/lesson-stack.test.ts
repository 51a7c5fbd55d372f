/**
 * The panels show what every stack sends: lesson 4's reference stack broadcasts the chat and
 * then the bare Game item (no `lastAnswer`, no `scores`), and the page still fills the score
 * table, the answer history (from `answeredWords`) and the chat marks after five answers.
 */
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { initialConsonants } from '../../../lambda/src/rules/consonants.ts';
import { WORDS } from '../../../lessons/04-game/solution/handler.ts';
import { buildStack } from '../../../lessons/04-game/stack.ts';
import { startLessonEmulator } from '../../../lessons/shared/emulator.ts';
import { REPO } from '../../support/processes.ts';
import { ARTEFACTS, chat, joinRoom, openPage } from './browser.ts';
import { useBrowser } from './fixture.ts';
import { answerItems, DESKTOP, PHONE, scoreRows } from './page-checks.ts';

// Each step waits on Lambda instances that may start cold while other suites load the machine.
vi.setConfig({ testTimeout: 180_000 });

const setup = useBrowser(() =>
  startLessonEmulator(buildStack(join(REPO, 'lessons/04-game/solution')), { log: () => {} }),
);

afterAll(async () => {
  await setup.started?.stop();
});

const poll = <T>(check: () => T | Promise<T>) => expect.poll(check, { timeout: 20_000, interval: 100 });

test("lesson 4's stack: five answers fill the scores, the history with consonants and the chat marks", async () => {
  const web = String(setup.started.urls.web);
  const alice = await openPage(await setup.browser.newContext(DESKTOP), web);
  const bob = await openPage(await setup.browser.newContext(PHONE), web);
  await joinRoom(alice.page, '앨리스');
  await joinRoom(bob.page, 'bob');
  const words = WORDS.slice(0, 5);
  for (const [i, word] of words.entries()) {
    await poll(() => alice.page.textContent('#consonant')).toBe(initialConsonants(word));
    // A wrong line first: the winner is whoever said the word, not whoever spoke last.
    await chat(bob.page, `모르겠다${i}`);
    await poll(() => alice.page.textContent('#chat-log')).toContain(`모르겠다${i}`);
    await chat(alice.page, word);
    await poll(() => alice.page.textContent('#consonant')).toBe(initialConsonants(WORDS[i + 1] ?? ''));
  }
  const expected = words.map((word) => `앨리스${word}${initialConsonants(word)}`).reverse();
  for (const { page } of [alice, bob]) {
    await poll(() => answerItems(page)).toEqual(expected);
    await poll(() => page.$$eval('#chat-log li.correct .what', (l) => l.map((x) => x.textContent))).toEqual(
      words,
    );
  }
  await poll(() => scoreRows(alice.page)).toEqual(['앨리스 (나) 5']);
  await poll(() => scoreRows(bob.page)).toEqual(['앨리스 5']);
  expect(await bob.page.textContent('#last-answer')).toBe(`앨리스 님이 "${words.at(-1)}" 정답!`);
  await alice.page.screenshot({ path: `${ARTEFACTS}/lesson-04-desktop.png` });
  await bob.page.screenshot({ path: `${ARTEFACTS}/lesson-04-phone.png` });
  expect([...alice.problems, ...bob.problems]).toEqual([]);
});
