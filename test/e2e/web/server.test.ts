/** The web endpoint over real HTTP: the right files with the right types and a strict CSP,
 * and nothing else, however the path is spelled. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebServer, type WebServer } from '../../../emulator/web/server.ts';

let web: WebServer;
const WS = 'ws://127.0.0.1:3999/dev';

beforeAll(async () => {
  web = await startWebServer({ host: '127.0.0.1', port: 0, wsUrl: WS });
});

afterAll(async () => {
  await web?.stop();
});

/** A raw request, so the path reaches the server exactly as written (fetch would normalise it). */
function raw(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startWebServer', () => {
  test('picks a free port and reports its URL', () => {
    expect(web.port).toBeGreaterThan(0);
    expect(web.url).toBe(`http://127.0.0.1:${web.port}`);
  });

  test.each([
    ['/', 'text/html; charset=utf-8', '<!doctype html>'],
    ['/index.html', 'text/html; charset=utf-8', 'id="chat-input"'],
    ['/app.js', 'text/javascript; charset=utf-8', 'WebSocket'],
    ['/app.js.map', 'application/json; charset=utf-8', '"sources"'],
    ['/style.css', 'text/css; charset=utf-8', '.consonant'],
    ['/favicon.svg', 'image/svg+xml', '<svg'],
  ])('serves %s as %s', async (path, type, needle) => {
    const response = await raw(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toContain(needle);
  });

  test('config.json names the WebSocket URL', async () => {
    const response = await raw('/config.json?x=1');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ ws: WS });
  });

  test('the CSP allows only this server and the WebSocket endpoints', async () => {
    const csp = String((await raw('/')).headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toContain('ws://127.0.0.1:3999');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  test.each([
    '/nope',
    '/../package.json',
    '/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/package.json',
    '/src/main.ts',
    '/web/index.html',
    '//etc/passwd',
    '/index.html/',
  ])('answers 404 to %s', async (path) => {
    const response = await raw(path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('"name"');
  });

  test('only GET and HEAD', async () => {
    expect((await raw('/', 'POST')).status).toBe(405);
    const head = await raw('/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
  });

  test('stop() closes the port', async () => {
    const other = await startWebServer({ host: '127.0.0.1', port: 0, wsUrl: WS });
    await other.stop();
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });
});
