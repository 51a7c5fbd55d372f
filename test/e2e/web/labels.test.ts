/**
 * Accessibility and language: every control has a label, the consonants and new chat are
 * announced, and the Korean page switches to English (and stays so after a reload).
 */
import { expect, test } from 'vitest';
import { joinRoom, openPage } from './browser.ts';
import { useQuizPage } from './fixture.ts';

const setup = useQuizPage();

test('labelled controls, live regions, Korean by default and English on request', async () => {
  const { page, problems } = await openPage(await setup.browser.newContext(), setup.web.url);
  expect(await page.getAttribute('html', 'lang')).toBe('ko');
  expect(await page.getByLabel('닉네임').count()).toBe(1);
  expect(await page.getByLabel('방', { exact: true }).count()).toBe(1);

  await page.click('#join');
  expect(await page.textContent('#join-error')).toBe('닉네임을 입력하세요.');
  await page.fill('#room', 'no spaces');
  await page.fill('#nickname', 'x');
  await page.click('#join');
  expect(await page.getAttribute('body', 'data-phase')).toBe('form');

  await joinRoom(page, '<u>접근성</u>', '접근');
  expect(await page.getByLabel('메시지').count()).toBe(1);
  expect(await page.getAttribute('#consonant', 'aria-live')).toBe('polite');
  expect(await page.getAttribute('#chat-log', 'role')).toBe('log');
  expect(await page.textContent('#me')).toBe('<u>접근성</u>');
  expect(await page.$$('#me u, #scores u')).toHaveLength(0);

  await page.click('#lang');
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.textContent('#lang')).toBe('한국어');
  expect(await page.textContent('#status-state')).toBe('Online');
  expect(await page.getByLabel('Message').count()).toBe(1);
  expect(await page.getAttribute('#chat-input', 'placeholder')).toContain('Enter');

  await page.reload();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.getByLabel('Nickname').inputValue()).toBe('<u>접근성</u>');
  expect(await page.getByLabel('Room', { exact: true }).inputValue()).toBe('접근');
  expect(problems).toEqual([]);
});
