import { expect, test } from 'vitest';
import { cleanNickname, cleanRoom, hashForRoom, isValidRoom, roomFromHash } from './endpoint.ts';

test('rooms round-trip through the hash, Korean included', () => {
  for (const room of ['general', '초성방', 'a_b-1']) expect(roomFromHash(hashForRoom(room))).toBe(room);
  expect(roomFromHash('')).toBe('general');
  expect(roomFromHash('#%E0%A4%A')).toBe('%E0%A4%A');
});

test('room names follow the server rule', () => {
  expect(isValidRoom(cleanRoom('  초성방 '))).toBe(true);
  expect(isValidRoom('has space')).toBe(false);
  expect(isValidRoom('x'.repeat(33))).toBe(false);
  expect(isValidRoom('<b>')).toBe(false);
});

test('nicknames are trimmed and bounded', () => {
  expect(cleanNickname('  나  ')).toBe('나');
  expect(cleanNickname('가'.repeat(40))).toHaveLength(20);
});
