import { expect, test } from 'vitest';
import { reconnectDelay } from './backoff.ts';

test('reconnect delays double from 1 s and stop at 10 s', () => {
  expect([0, 1, 2, 3, 4, 5, 20].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 10000, 10000, 10000]);
});
