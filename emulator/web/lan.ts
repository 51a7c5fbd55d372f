/**
 * Off loopback (`--host 0.0.0.0`) a room of phones joins the instructor's laptop: the banner lists
 * the web client's URL on each of the machine's LAN addresses and prints a QR code of the first,
 * to put on the projector. The QR code is drawn by the `qrcode` package, offline.
 */
import { networkInterfaces } from 'node:os';

const ANY = new Set(['0.0.0.0', '::']);

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** The machine's non-internal IPv4 addresses (phones on a classroom Wi-Fi use IPv4). */
export function lanAddresses(interfaces = networkInterfaces()): string[] {
  const found: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const address of list ?? []) {
      if (address.family === 'IPv4' && !address.internal) found.push(address.address);
    }
  }
  return [...new Set(found)];
}

/**
 * The web client's URL on each address people can reach it through; empty on a loopback bind,
 * where nobody else can.
 */
export function lanWebUrls(bindHost: string, webUrl: string, addresses: string[] = lanAddresses()): string[] {
  if (isLoopback(bindHost)) return [];
  const port = new URL(webUrl).port;
  const hosts = ANY.has(bindHost) ? addresses : [bindHost];
  return hosts.map((host) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`);
}

/** A QR code of `text` in block characters, for a terminal. */
export async function terminalQr(text: string): Promise<string> {
  // Loaded on a LAN only: its ~60 modules would cost every loopback start.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toString(text, { type: 'terminal', small: true });
}

/** The banner's lines for a LAN: the URLs, then the QR code of the first. Empty on loopback. */
export async function lanBanner(bindHost: string, webUrl: string, addresses?: string[]): Promise<string[]> {
  const urls = lanWebUrls(bindHost, webUrl, addresses);
  const first = urls[0];
  if (first === undefined) {
    return isLoopback(bindHost)
      ? []
      : ['  On your network: no LAN address found (is Wi-Fi on?) / 네트워크 주소를 찾지 못했습니다'];
  }
  const lines = [
    '  On your network / 같은 네트워크에서 접속:',
    ...urls.map((url) => `    ${url}`),
    `  Scan to play / QR 코드로 참여: ${first}`,
  ];
  const qr = await terminalQr(first);
  return [
    ...lines,
    ...qr
      .trimEnd()
      .split('\n')
      .map((line) => `  ${line}`),
  ];
}
