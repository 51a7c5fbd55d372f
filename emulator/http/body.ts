/**
 * The one way a listener reads a request body: refused from Content-Length before a byte is read,
 * and cut off while streaming once it passes the cap, so a client that lies about its length (or
 * sends chunked) cannot make the emulator hold more than `limit` bytes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

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

/**
 * The answer to a refused body has been (or is being) written: close the connection once it is
 * out instead of draining what the client still sends. Call it before `res.end()`.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
  res.once('finish', () => {
    // Give the answer a moment to reach the client before its unread body is thrown away.
    setTimeout(() => req.socket.destroy(), 50).unref();
  });
}
