/**
 * API Gateway limits each frame to 32 KB and each (possibly fragmented) message to 128 KB, and
 * closes with 1009 past either. `ws` only has one `maxPayload`, checked against the running
 * message total, which covers the message limit. The frame limit needs the length of each frame
 * as it is parsed, which only the receiver knows: this wraps the receiver's length hook on one
 * socket. It relies on ws 8's private `Receiver#haveLength` and `_payloadLength`; the gateway
 * test "a 33 KB frame closes with 1009" fails loudly if a ws upgrade moves them.
 */
import type { WebSocket } from 'ws';

interface ReceiverInternals {
  _opcode: number;
  _payloadLength: number;
  haveLength(cb: (error?: Error) => void): void;
  createError(
    errorCtor: typeof RangeError,
    message: string,
    prefix: boolean,
    statusCode: number,
    errorCode: string,
  ): Error;
}

export function enforceFrameLimit(socket: WebSocket, maxFrameBytes: number): void {
  const receiver = (socket as unknown as { _receiver?: ReceiverInternals })._receiver;
  if (!receiver || typeof receiver.haveLength !== 'function' || typeof receiver.createError !== 'function') {
    throw new Error(
      'ws internals changed: cannot enforce the WebSocket frame size limit (see frame-limit.ts)',
    );
  }
  const original = receiver.haveLength;
  receiver.haveLength = function haveLength(this: ReceiverInternals, cb) {
    // Control frames (opcode >= 8) are capped at 125 bytes by the protocol itself.
    if (this._opcode < 0x08 && this._payloadLength > maxFrameBytes) {
      cb(
        this.createError(RangeError, 'Frame size exceeded', false, 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'),
      );
      return;
    }
    original.call(this, cb);
  };
}
