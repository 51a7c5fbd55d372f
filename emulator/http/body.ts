/**
 * The one way a listener reads a request body: refused from Content-Length before a byte is read,
 * and cut off while streaming once it passes the cap, so a client that lies about its length (or
 * sends chunked) cannot make the emulator hold more than `limit` bytes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'too-large'; bytes: number };

/** True when the declared length is already over the cap: answer without reading anything. */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * Reads the whole body, or stops at the first chunk past `limit` (the chunks read so far are
 * dropped). After a refusal the caller answers, then calls `dropRest(req, res)`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  if (declaredTooLarge(req, limit)) {
    return Promise.resolve({ ok: false, reason: 'too-large', bytes: Number(req.headers['content-length']) });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        req.pause();
        resolve({ ok: false, reason: 'too-large', bytes: size });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve({ ok: true, body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size) });
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => {
      cleanup();
      reject(new Error('the client closed the connection before sending the whole body'));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** How long a refused client may go on sending before its connection is reset. */
const LINGER_MS = 2000;

/**
 * The answer to a refused body has been (or is being) written: close the connection once it is
 * out, without keeping what the client still sends. Call it before `res.end()`.
 *
 * Node closes a `connection: close` socket the moment the answer is flushed (its server calls the
 * socket's destroySoon). A client still uploading then gets a TCP reset, and a reset can wipe the
 * answer from the client's receive buffer before it is read: the 413 is lost and the client sees
 * only "connection reset". So the close lingers, as web servers do: a FIN after the answer, what
 * still arrives is read and dropped (never buffered), and the socket goes when the client closes
 * its side or after LINGER_MS.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
  const socket = req.socket as Socket & { destroySoon?: () => void };
  socket.destroySoon = () => {
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.once('end', () => socket.destroy());
    socket.on('data', () => {});
    socket.resume();
  };
}
