/**
 * Readiness of a WebSocket API by a real connect: the port being open is not enough, because
 * serverless-offline opens it before its routes and handlers are wired.
 */
import WebSocket from 'ws';

type Attempt = { ok: true } | { ok: false; retry: boolean; reason: string };

function connectOnce(url: string): Promise<Attempt> {
  return new Promise((done) => {
    const socket = new WebSocket(url, { handshakeTimeout: 5000 });
    socket.once('open', () => {
      socket.close(1000, 'ready check');
      done({ ok: true });
    });
    // An HTTP answer means the server is up but $connect refused us: waiting will not help.
    socket.once('unexpected-response', (_req, res) => {
      socket.terminate();
      done({ ok: false, retry: false, reason: `$connect answered HTTP ${res.statusCode}` });
    });
    socket.once('error', (error) => done({ ok: false, retry: true, reason: error.message }));
  });
}

export async function waitForWebSocket(
  url: string,
  opts: { timeoutMs?: number; isAlive?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const attempt = await connectOnce(url);
    if (attempt.ok) return;
    if (!attempt.retry)
      throw new Error(`the WebSocket API at ${url} is up but refused a client: ${attempt.reason}`);
    if (opts.isAlive && !opts.isAlive()) throw new Error(`the process serving ${url} exited while starting`);
    if (Date.now() > deadline)
      throw new Error(
        `no WebSocket connection to ${url} within the time limit (last error: ${attempt.reason})`,
      );
    await new Promise((r) => setTimeout(r, delay));
  }
}
