/**
 * The web endpoint of READY: serves the browser client and tells it where the WebSocket API
 * is. It serves a fixed set of in-memory files, so a path can name nothing else on disk.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkHost, type HostAllowList } from '../http/host-allow.ts';
import { type Asset, type Assets, buildAssets, configAsset } from './bundle.ts';
import { contentSecurityPolicy, DEFAULT_EXTRA_CONNECT } from './csp.ts';
import { wsUrlForHost } from './ws-for-host.ts';

export interface WebServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /**
   * The WebSocket URL the page connects to unless its own `?ws=` says otherwise. A page loaded
   * through a non-loopback Host is told the same URL on that host (ws-for-host.ts).
   */
  wsUrl: string;
  /** Other WebSocket origins the CSP lets `?ws=` reach; loopback and API Gateway by default. */
  extraConnect?: string[];
  /** Host headers answered (DNS-rebinding guard); all when omitted. */
  hosts?: HostAllowList | undefined;
  /** Pages served beside the client (the /trace page); true when it answered the request. */
  routes?: ((request: IncomingMessage, response: ServerResponse, csp: string) => boolean) | undefined;
}

export interface WebServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const NOT_FOUND: Asset = { contentType: 'text/plain; charset=utf-8', body: Buffer.from('Not found\n') };

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const assets: Assets = await buildAssets();
  const extra = options.extraConnect ?? DEFAULT_EXTRA_CONNECT;
  const server = createServer((request, response) => {
    if (!checkHost(options.hosts, request, response, 'text/plain; charset=utf-8')) return;
    const wsUrl = wsUrlForHost(options.wsUrl, request.headers.host);
    const csp = contentSecurityPolicy(wsUrl, extra);
    if (options.routes?.(request, response, csp)) return;
    respond(request, response, assets, wsUrl, csp);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function respond(
  request: IncomingMessage,
  response: ServerResponse,
  assets: Assets,
  wsUrl: string,
  csp: string,
): void {
  const headers = {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // The bundle changes whenever a learner's source does (bundle.ts); a browser's cached copy would hide it.
    'Cache-Control': 'no-store',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': NOT_FOUND.contentType });
    response.end('Method not allowed\n');
    return;
  }
  // Only the path is looked up, verbatim: no decoding, no joining onto a directory.
  const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
  const asset = path === '/config.json' ? configAsset(wsUrl) : assets.get(path);
  const { contentType, body } = asset ?? NOT_FOUND;
  response.writeHead(asset ? 200 : 404, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': body.length,
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
