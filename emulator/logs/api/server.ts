/** The Logs API on a port of its own (READY `logs`, LOGS_PORT; 0 picks a free one). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkHost, type HostAllowList } from '../../http/host-allow.ts';
import type { LogsHandler } from './wire.ts';

export interface LogsServer {
  url: string;
  port: number;
  /** The same listener as a plain handler, for a listener in front (the TLS front door). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  stop(): Promise<void>;
}

export interface LogsServerOptions {
  host: string;
  port: number;
  handler: LogsHandler;
  /** Pages served beside the API (the /trace page when there is no web server); true when answered. */
  pages?: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  /** Host headers answered (DNS-rebinding guard); all when omitted. */
  hosts?: HostAllowList | undefined;
}

export async function startLogsServer(options: LogsServerOptions): Promise<LogsServer> {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (!checkHost(options.hosts, req, res, 'application/x-amz-json-1.1')) return;
    // The API is POST only, so a GET can only be for a page.
    if (req.method === 'GET' && options.pages?.(req, res)) return;
    options.handler(req, res);
  };
  const server = createServer(handle);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    handle,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
