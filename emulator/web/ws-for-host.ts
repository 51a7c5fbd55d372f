/**
 * The WebSocket URL to give a page, from the Host it was loaded through. A phone that opened
 * `http://192.168.0.12:3000` must be told `ws://192.168.0.12:3001/dev`: the configured
 * `ws://127.0.0.1:3001/dev` would be the phone itself. Loopback names keep the configured URL
 * (`localhost` may resolve to ::1, where nothing listens), and so does a URL that is not this
 * machine's (an API Gateway stage, `npm run offline`'s own).
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::']);

function isLoopbackName(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return LOOPBACK.has(bare) || bare.endsWith('.localhost') || /^127\./.test(bare);
}

/** The hostname part of a Host header, or undefined when it is not a plain host[:port]. */
export function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  try {
    const parsed = new URL(`http://${hostHeader}/`);
    // Anything beyond host and port (user info, a path) means the header was not a Host.
    if (parsed.host !== hostHeader.toLowerCase() || parsed.username || parsed.password) return undefined;
    return parsed.hostname;
  } catch {
    return undefined;
  }
}

export function wsUrlForHost(wsUrl: string, hostHeader: string | undefined): string {
  const hostname = hostnameOf(hostHeader);
  if (hostname === undefined || isLoopbackName(hostname)) return wsUrl;
  const target = new URL(wsUrl);
  if (!isLoopbackName(target.hostname)) return wsUrl;
  // URL keeps an IPv6 address's brackets in `hostname`, as the setter expects them.
  target.hostname = hostname;
  return target.toString();
}
