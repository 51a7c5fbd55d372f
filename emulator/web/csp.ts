/**
 * The page's Content-Security-Policy. Scripts, styles and fetches come only from this server;
 * the only other place the page may reach is a WebSocket: the configured one, a loopback one
 * (`?ws=` for `npm run offline`), or an API Gateway stage (`?ws=wss://…amazonaws.com/…`).
 */

/** Where `?ws=` may point besides the configured URL. */
export const DEFAULT_EXTRA_CONNECT = [
  'ws://127.0.0.1:*',
  'ws://localhost:*',
  'wss://127.0.0.1:*',
  'wss://localhost:*',
  'wss://*.amazonaws.com',
];

function originOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}

export function contentSecurityPolicy(wsUrl: string, extraConnect: string[] = DEFAULT_EXTRA_CONNECT): string {
  const connect = ["'self'", originOf(wsUrl), ...extraConnect];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
