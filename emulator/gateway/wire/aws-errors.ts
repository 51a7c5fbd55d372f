/**
 * Error answers in the shape AWS gives them. The management API is restJson1: the SDK names an
 * error from the `x-amzn-ErrorType` header and takes its text from the body's `message`.
 */
import type { ServerResponse } from 'node:http';
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
