/**
 * Which Host headers a listener answers, against DNS rebinding: a web page whose name suddenly
 * resolves to 127.0.0.1 still sends its own name as Host, so only names that can point here for a
 * good reason are served. On a loopback bind: loopback names and addresses, plus the AWS hostnames
 * the emulator serves to function instances (`*.<region>.amazonaws.com`, reached through the local
 * endpoints). Off loopback: also the machine's own names and addresses and any `--allow-host`.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

export interface HostAllowListOptions {
  /** The address the listeners bind. */
  bind: string;
  /** Regions whose `*.<region>.amazonaws.com` names the emulator serves. */
  regions: string[];
  /** Extra names (`--allow-host`), exact, case-insensitive. */
  extra?: string[] | undefined;
  /**
   * Services answered for every region (`dynamodb` → `dynamodb.<any region>.amazonaws.com`): a
   * client configured for another region reaches the DynamoDB endpoint, which answers as that
   * empty region would. No rebinding page can send these names: amazonaws.com is not its DNS.
   */
  anyRegion?: string[] | undefined;
}

export interface HostAllowList {
  allows(hostHeader: string | undefined): boolean;
  /** For messages: what is allowed, in words. */
  describe(): string;
}

export function isLoopbackBind(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The name part of a Host header: no port, no IPv6 brackets, lower case, no trailing dot. */
export function hostName(header: string): string {
  let h = header.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    h = end < 0 ? h.slice(1) : h.slice(1, end);
  } else {
    const colon = h.lastIndexOf(':');
    if (colon >= 0 && h.indexOf(':') === colon) h = h.slice(0, colon);
  }
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

function isLoopbackName(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    name === '0:0:0:0:0:0:0:1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
  );
}

function machineNames(): string[] {
  const names = new Set<string>();
  const own = hostname().toLowerCase();
  if (own) {
    names.add(own);
    names.add(`${own.split('.')[0]}.local`);
  }
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) names.add(address.address.toLowerCase().replace(/%.*$/, ''));
  }
  return [...names];
}

export function hostAllowList(options: HostAllowListOptions): HostAllowList {
  const exact = new Set((options.extra ?? []).map((n) => hostName(n)));
  const loopback = isLoopbackBind(options.bind);
  if (!loopback) {
    for (const name of machineNames()) exact.add(name);
    const bound = hostName(options.bind);
    if (bound !== '0.0.0.0' && bound !== '::') exact.add(bound);
  }
  const suffixes = options.regions.map((r) => `.${r.toLowerCase()}.amazonaws.com`);
  const anyRegion = (options.anyRegion ?? []).map(
    (service) => new RegExp(`^${service}\\.[a-z0-9-]+\\.amazonaws\\.com$`),
  );
  return {
    allows(header) {
      if (header === undefined || header === '') return false;
      const name = hostName(header);
      if (isLoopbackName(name) || exact.has(name)) return true;
      return suffixes.some((suffix) => name.endsWith(suffix)) || anyRegion.some((re) => re.test(name));
    },
    describe() {
      const parts = [
        'localhost',
        '127.0.0.1',
        '[::1]',
        ...suffixes.map((s) => `*${s}`),
        ...(options.anyRegion ?? []).map((service) => `${service}.*.amazonaws.com`),
      ];
      if (!loopback) parts.push("this machine's names and addresses");
      parts.push(...(options.extra ?? []));
      return parts.join(', ');
    },
  };
}

/** The sentence a refused request gets, naming what to do. */
export function refusedHostMessage(header: string | undefined, list: HostAllowList): string {
  return (
    `Host "${header ?? ''}" is not a name this emulator answers (a guard against DNS rebinding). ` +
    `Allowed: ${list.describe()}. To reach it under another name, start it with --allow-host NAME. ` +
    `/ 이 이름으로는 응답하지 않습니다(DNS 리바인딩 방지). 다른 이름으로 접속하려면 --allow-host NAME 으로 시작하세요.`
  );
}

/** Answers 403 and returns false when the Host header is not allowed. */
export function checkHost(
  list: HostAllowList | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  contentType = 'application/json',
): boolean {
  if (!list || list.allows(req.headers.host)) return true;
  const message = refusedHostMessage(req.headers.host, list);
  const body = contentType.startsWith('application/') ? JSON.stringify({ message }) : `${message}\n`;
  res.writeHead(403, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body);
  return false;
}
