import { expect, test } from 'vitest';
import { lanAddresses, lanBanner, lanWebUrls, terminalQr } from './lan.ts';

test('LAN addresses are the non-internal IPv4 ones', () => {
  const interfaces = {
    lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
    wlan0: [
      { address: '192.168.0.12', family: 'IPv4', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
    ],
    eth0: [{ address: '10.1.2.3', family: 'IPv4', internal: false }],
  } as unknown as ReturnType<typeof import('node:os').networkInterfaces>;
  expect(lanAddresses(interfaces)).toEqual(['192.168.0.12', '10.1.2.3']);
});

test('a loopback bind lists nothing; 0.0.0.0 lists every address; one address lists itself', () => {
  const addresses = ['192.168.0.12', '10.1.2.3'];
  expect(lanWebUrls('127.0.0.1', 'http://127.0.0.1:3000', addresses)).toEqual([]);
  expect(lanWebUrls('0.0.0.0', 'http://127.0.0.1:3000', addresses)).toEqual([
    'http://192.168.0.12:3000',
    'http://10.1.2.3:3000',
  ]);
  expect(lanWebUrls('192.168.0.12', 'http://192.168.0.12:4000', addresses)).toEqual([
    'http://192.168.0.12:4000',
  ]);
});

test('the banner lists the URLs and draws a QR code offline', async () => {
  expect(await lanBanner('127.0.0.1', 'http://127.0.0.1:3000', ['192.168.0.12'])).toEqual([]);
  const lines = await lanBanner('0.0.0.0', 'http://127.0.0.1:3000', ['192.168.0.12']);
  expect(lines.slice(0, 3)).toEqual([
    '  On your network / 같은 네트워크에서 접속:',
    '    http://192.168.0.12:3000',
    '  Scan to play / QR 코드로 참여: http://192.168.0.12:3000',
  ]);
  // Block characters, several rows: a code, not an error message.
  expect(lines.length).toBeGreaterThan(10);
  expect(lines.slice(3).join('\n')).toMatch(/[▄▀█]/);
  expect(await terminalQr('http://192.168.0.12:3000')).toContain(lines[4]?.slice(2));
});
