/**
 * Error answers in the shape AWS gives them. The management API is restJson1: the SDK names an
 * error from the `x-amzn-ErrorType` header and takes its text from the body's `message`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closeAfterAnswer } from '../../http/body.ts';
import { newHttpRequestId } from '../model/ids.ts';

export type ManagementErrorType =
  | 'GoneException'
  | 'ForbiddenException'
  | 'PayloadTooLargeException'
  | 'LimitExceededException'
  | 'MissingAuthenticationTokenException'
  | 'NotFoundException'
  | 'BadRequestException';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  requestId: string = newHttpRequestId(),
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
    ...headers,
  });
  res.end(text);
}

export function sendAwsError(
  res: ServerResponse,
  status: number,
  errorType: string,
  message: string,
  requestId?: string,
): void {
  sendJson(res, status, { message }, { 'x-amzn-ErrorType': errorType }, requestId);
}

/**
 * API Gateway's answer to an unsigned call, or to a path or method it has no operation for. Any
 * body is left unread: the connection closes after the answer.
 */
export function refuseMissingToken(req: IncomingMessage, res: ServerResponse, requestId?: string): void {
  closeAfterAnswer(req, res);
  sendAwsError(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token', requestId);
}
