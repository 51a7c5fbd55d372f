/**
 * The front door: one HTTPS listener on loopback that stands in for every AWS hostname the
 * instances reach (their port 443 is redirected here, see node/redirect.cjs). Each request goes
 * to the emulated service its Host header names, with that Host header unchanged: SigV4 signs
 * it, and the services verify the signature over what the SDK signed.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import { nameCovers } from './hostnames.ts';

/** A loopback base URL (`http://127.0.0.1:3001`) to forward to, or a handler to call in-process. */
export type FrontDoorTarget = string | ((req: IncomingMessage, res: ServerResponse) => void);

export interface FrontDoorOptions {
  cert: string;
  key: string;
  /** Always loopback unless a test says otherwise: only this machine's instances connect here. */
  host?: string;
  /** Routes known at start; more can be added with `route()`. */
  routes?: Record<string, FrontDoorTarget>;
  /** For hostnames no route matches (e.g. another region's DynamoDB); undefined → 404. */
  fallback?: (hostname: string) => FrontDoorTarget | undefined;
  /** A certificate for a TLS server name the default certificate does not cover. */
  certificateFor?: (servername: string) => Promise<{ cert: string; key: string } | undefined>;
}

export interface FrontDoor {
  port: number;
  /** `127.0.0.1:<port>`: what instances get as `_WORKBENCH_AWS_REDIRECT`. */
  redirect: string;
  /**
   * Serves `hostPattern` (an exact hostname, or `*.rest` for one label of any value) with
   * `target`. Exact names win over wildcards. Returns a function that removes the route.
   */
  route(hostPattern: string, target: FrontDoorTarget): () => void;
  /** The patterns served, for messages and the server certificate. */
  hosts(): string[];
  stop(): Promise<void>;
}

export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const routes = new Map<string, FrontDoorTarget>();
  const route = (pattern: string, target: FrontDoorTarget) => {
    const key = pattern.toLowerCase();
    routes.set(key, target);
    return () => {
      if (routes.get(key) === target) routes.delete(key);
    };
  };
  for (const [pattern, target] of Object.entries(options.routes ?? {})) route(pattern, target);

  const find = (hostname: string): FrontDoorTarget | undefined => {
    const exact = routes.get(hostname);
    if (exact) return exact;
    for (const [pattern, target] of routes) if (nameCovers(pattern, hostname)) return target;
    return options.fallback?.(hostname);
  };

  const contexts = new Map<string, Promise<SecureContext | undefined>>();
  const contextFor = (servername: string) => {
    const name = servername.toLowerCase();
    let context = contexts.get(name);
    if (!context) {
      context = (options.certificateFor?.(name) ?? Promise.resolve(undefined)).then(
        (pair) => (pair ? createSecureContext(pair) : undefined),
        () => undefined,
      );
      contexts.set(name, context);
    }
    return context;
  };

  const server = createServer(
    {
      cert: options.cert,
      key: options.key,
      // No context: the default certificate answers (and the client judges it).
      SNICallback: (servername, done) => {
        contextFor(servername).then((context) => done(null, context));
      },
    },
    (req, res) => {
      const hostname = hostOf(req);
      const target = find(hostname);
      if (!target) {
        unknownHost(res, hostname, [...routes.keys()]);
        return;
      }
      if (typeof target === 'function') {
        target(req, res);
        return;
      }
      forward(req, res, target);
    },
  );
  // Instances are frozen between invocations with their SDK's keep-alive sockets open; a long
  // idle timeout (as AWS's endpoints have) spares them most reconnects on thaw.
  server.keepAliveTimeout = 65_000;
  server.on('tlsClientError', () => {
    // A client that does not trust the CA hangs up during the handshake; its SDK reports it.
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    redirect: `${host}:${port}`,
    route,
    hosts: () => [...routes.keys()],
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The Host header without its port; the SNI name when a client sends no Host. */
function hostOf(req: IncomingMessage): string {
  const header = req.headers.host;
  if (header) return header.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  const sni = (req.socket as TLSSocket).servername;
  return typeof sni === 'string' ? sni.toLowerCase() : '';
}

/**
 * One loopback connection per request, on purpose: a pooled one could be closed by the service's
 * idle timeout just as it is reused, failing a request the service never saw (and a POST cannot
 * be replayed safely). A loopback connect costs far less than the TLS hop in front of it.
 */
function forward(req: IncomingMessage, res: ServerResponse, base: string): void {
  const target = new URL(base);
  const upstream = httpRequest(
    {
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      // The Host header stays the AWS hostname the SDK signed.
      headers: req.headers,
      agent: false,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.once('error', (error: NodeJS.ErrnoException) => {
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    sendError(
      res,
      502,
      'BadGatewayException',
      `The emulator's service for ${req.headers.host} at ${base} did not answer (${error.code ?? error.message}).`,
    );
  });
  req.pipe(upstream);
}

function unknownHost(res: ServerResponse, hostname: string, served: string[]): void {
  sendError(
    res,
    404,
    'UnknownEndpointException',
    `The workbench does not emulate ${hostname || 'this endpoint'} (no Host header matched). ` +
      `It serves: ${served.join(', ') || 'nothing yet'}. ` +
      `워크벤치가 에뮬레이트하지 않는 호스트입니다: ${hostname || '(없음)'}.`,
  );
}

/** The JSON error shape AWS's REST services use; the SDKs name the error from the header. */
function sendError(res: ServerResponse, status: number, type: string, message: string): void {
  const body = JSON.stringify({ message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-ErrorType': type,
  });
  res.end(body);
}
