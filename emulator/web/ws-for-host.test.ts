import { expect, test } from 'vitest';
import { hostnameOf, wsUrlForHost } from './ws-for-host.ts';

const WS = 'ws://127.0.0.1:3001/dev';

test('a page loaded through a LAN address or name is told that host', () => {
  expect(wsUrlForHost(WS, '192.168.0.12:3000')).toBe('ws://192.168.0.12:3001/dev');
  expect(wsUrlForHost(WS, 'quiz.lan:3000')).toBe('ws://quiz.lan:3001/dev');
  expect(wsUrlForHost(WS, 'QUIZ.lan')).toBe('ws://quiz.lan:3001/dev');
  expect(wsUrlForHost(WS, '[fe80::1]:3000')).toBe('ws://[fe80::1]:3001/dev');
  expect(wsUrlForHost('ws://0.0.0.0:3001/dev', '10.0.0.5:3000')).toBe('ws://10.0.0.5:3001/dev');
});

test('loopback hosts, missing or odd Host headers and foreign URLs keep the configured URL', () => {
  for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', 'app.localhost', undefined, ''])
    expect(wsUrlForHost(WS, host)).toBe(WS);
  for (const host of ['a@b:3000', 'x/y', 'a b', 'evil.com:3000/../']) expect(wsUrlForHost(WS, host)).toBe(WS);
  const stage = 'wss://abc.execute-api.ap-northeast-2.amazonaws.com/dev';
  expect(wsUrlForHost(stage, '192.168.0.12:3000')).toBe(stage);
  expect(hostnameOf('192.168.0.12:3000')).toBe('192.168.0.12');
});
