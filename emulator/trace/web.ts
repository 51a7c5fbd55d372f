/**
 * The /trace page on the web server: the page and its script (bundled by esbuild in memory, as
 * the client is) and a live feed of spans as Server-Sent Events, all same-origin so the page's
 * CSP stays `'self'`.
 */

import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BROWSER_BUNDLE } from '../web/bundle.ts';
import type { TraceRecorder } from './recorder.ts';

const PAGE_ROOT = fileURLToPath(new URL('./page/', import.meta.url));
/** A comment now and then keeps proxies and the browser from closing an idle feed. */
const HEARTBEAT_MS = 15_000;

export type Route = (request: IncomingMessage, response: ServerResponse, csp: string) => boolean;

type Files = Map<string, { type: string; body: Buffer }>;
let built: Promise<Files> | undefined;

/** Built on the first visit and kept for the process: the page is the same for every emulator. */
function pageFiles(): Promise<Files> {
  built ??= (async () => {
    const bundle = await build({
      ...BROWSER_BUNDLE,
      entryPoints: [`${PAGE_ROOT}main.ts`],
      outfile: 'trace.js',
      absWorkingDir: PAGE_ROOT,
    });
    return new Map([
      ['/trace', { type: 'text/html; charset=utf-8', body: await readFile(`${PAGE_ROOT}index.html`) }],
      ['/trace.css', { type: 'text/css; charset=utf-8', body: await readFile(`${PAGE_ROOT}style.css`) }],
      ['/trace/favicon.svg', { type: 'image/svg+xml', body: await readFile(`${PAGE_ROOT}favicon.svg`) }],
      [
        '/trace.js',
        { type: 'text/javascript; charset=utf-8', body: Buffer.from(bundle.outputFiles[0]?.contents ?? []) },
      ],
    ]);
  })();
  built.catch(() => {
    built = undefined;
  });
  return built;
}

const PAGES = new Set(['/trace', '/trace.css', '/trace.js', '/trace/favicon.svg']);

export function traceRoutes(recorder: TraceRecorder): Route {
  return (request, response, csp) => {
    const url = new URL(request.url ?? '/', 'http://trace.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const headers = {
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (path === '/trace/spans.json') {
      const body = Buffer.from(
        JSON.stringify(recorder.spans(Number(url.searchParams.get('since') ?? 0) || 0)),
      );
      response.writeHead(200, {
        ...headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': body.length,
      });
      response.end(body);
      return true;
    }
    if (path === '/trace/events') {
      feed(request, response, recorder, headers, url);
      return true;
    }
    if (!PAGES.has(path)) return false;
    pageFiles().then(
      (files) => {
        const file = files.get(path) as { type: string; body: Buffer };
        response.writeHead(200, {
          ...headers,
          'Content-Type': file.type,
          'Content-Length': file.body.length,
        });
        response.end(request.method === 'HEAD' ? undefined : file.body);
      },
      (error: unknown) => {
        response.writeHead(500, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        response.end(`The trace page did not build: ${(error as Error).message}\n`);
      },
    );
    return true;
  };
}

/** Every span kept since the client's last one (Last-Event-ID on reconnects), then each new one. */
function feed(
  request: IncomingMessage,
  response: ServerResponse,
  recorder: TraceRecorder,
  headers: Record<string, string>,
  url: URL,
): void {
  response.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
  });
  const since = Number(request.headers['last-event-id'] ?? url.searchParams.get('since') ?? 0) || 0;
  const send = (span: { seq: number }) =>
    response.write(`id: ${span.seq}\ndata: ${JSON.stringify(span)}\n\n`);
  for (const span of recorder.spans(since)) send(span);
  const stop = recorder.follow(send);
  const heartbeat = setInterval(() => response.write(': still here\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const end = () => {
    stop();
    clearInterval(heartbeat);
  };
  request.once('close', end);
  response.once('close', end);
}
