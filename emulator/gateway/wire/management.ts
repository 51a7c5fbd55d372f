/**
 * The `@connections` management API on the WebSocket port:
 * `POST|GET|DELETE /<stage>/@connections/<connectionId>`, SigV4-signed as
 * @aws-sdk/client-apigatewaymanagementapi sends it. Status codes and error names follow
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
 * and the PostToConnection API reference (403 Forbidden, 410 Gone, 413 PayloadTooLarge,
 * 429 LimitExceeded).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import type { Authorizer, CallCheck, Principal, ServiceCall } from '../../contracts.ts';
import { closeAfterAnswer, declaredTooLarge, readBody } from '../../http/body.ts';
import type { GatewayEvent } from '../gateway-event.ts';
import type { ConnectionRecord, ConnectionRegistry } from '../model/connections.ts';
import { newHttpRequestId } from '../model/ids.ts';
import { type GatewayLimits, RateLimiter } from '../model/limits.ts';
import { refuseMissingToken, sendAwsError, sendJson } from './aws-errors.ts';

export interface ManagementOptions {
  api: { stage: string; apiId: string; region: string; accountId: string };
  registry: ConnectionRegistry<WebSocket>;
  auth: Authorizer;
  limits: GatewayLimits;
  emit: (event: GatewayEvent) => void;
  deliver(record: ConnectionRecord<WebSocket>, data: Buffer): void;
  disconnect(record: ConnectionRecord<WebSocket>): void;
  /** Told of every call once answered (the trace listens). */
  onCall?: ((call: ServiceCall) => void) | undefined;
}

// ---- trace: what one call did (see onCall) ----
interface Traced {
  principal?: Principal;
  checks: CallCheck[];
  body?: Buffer;
  errorType?: string;
}
const ERROR_OF_STATUS: Record<number, string> = {
  403: 'MissingAuthenticationTokenException',
  410: 'GoneException',
  413: 'PayloadTooLargeException',
  429: 'LimitExceededException',
};
const ACTION_OF: Record<string, string> = {
  POST: 'PostToConnection',
  GET: 'GetConnection',
  DELETE: 'DeleteConnection',
};

function traceCall(
  options: ManagementOptions,
  req: IncomingMessage,
  res: ServerResponse,
  call: { connectionId: string; requestId: string; startedAt: number },
): Traced {
  const traced: Traced = { checks: [] };
  const onCall = options.onCall;
  if (!onCall) return traced;
  res.once('finish', () => {
    const errorType = traced.errorType ?? ERROR_OF_STATUS[res.statusCode];
    const trace = req.headers['x-amzn-trace-id'];
    try {
      onCall({
        service: 'execute-api',
        action: ACTION_OF[req.method ?? ''] ?? req.method ?? '?',
        target: call.connectionId,
        ...(traced.principal ? { principal: traced.principal } : {}),
        ...(typeof trace === 'string' ? { traceHeader: trace } : {}),
        requestId: call.requestId,
        checks: traced.checks,
        startedAt: call.startedAt,
        latencyMs: Date.now() - call.startedAt,
        status: res.statusCode,
        ...(errorType ? { errorType } : {}),
        ...(traced.body ? { body: traced.body.subarray(0, 4096).toString('utf8') } : {}),
      });
    } catch {
      /* an observer's failure is not the caller's */
    }
  });
  return traced;
}
// ---- end trace ----
const METHODS = new Set(['POST', 'GET', 'DELETE']);

/** Returns false when the path is not an `@connections` path, so the caller can answer it. */
export type ManagementHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function createManagementHandler(options: ManagementOptions): ManagementHandler {
  const { api, registry, auth, limits, emit } = options;
  const limiter = limits.postsPerSecond === undefined ? undefined : new RateLimiter(limits.postsPerSecond);

  return async (req, res) => {
    const connectionId = connectionIdOf(req.url ?? '/', api.stage);
    if (connectionId === undefined) return false;
    const requestId = newHttpRequestId();
    const method = req.method ?? 'GET';
    const traced = traceCall(options, req, res, { connectionId, requestId, startedAt: Date.now() });

    // API Gateway answers unsigned calls, and methods it has no route for, with this.
    if (!METHODS.has(method) || !isSigned(req)) {
      refuseMissingToken(req, res, requestId);
      return true;
    }
    // Nothing past the message limit is read, and nothing at all before the key is recognised.
    const tooLarge = (bytes: number) => {
      closeAfterAnswer(req, res);
      sendAwsError(
        res,
        413,
        'PayloadTooLargeException',
        `Message of ${bytes} bytes is over the ${limits.maxMessageBytes}-byte limit`,
        requestId,
      );
    };
    if (declaredTooLarge(req, limits.maxMessageBytes)) {
      tooLarge(Number(req.headers['content-length']));
      return true;
    }
    const head = { method, url: req.url ?? '/', headers: req.headers };
    const screened = auth.screen?.(head, 'execute-api');
    if (screened && !screened.ok) {
      closeAfterAnswer(req, res);
      sendAwsError(res, screened.status, screened.errorType, screened.message, requestId);
      return true;
    }
    const read = await readBody(req, limits.maxMessageBytes);
    if (!read.ok) {
      tooLarge(read.bytes);
      return true;
    }
    const body = read.body;
    traced.body = body;
    const identity = auth.identify({ ...head, body }, 'execute-api');
    if (!identity.ok) {
      traced.errorType = identity.errorType;
      sendAwsError(res, identity.status, identity.errorType, identity.message, requestId);
      return true;
    }
    const resource = `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/${method}/@connections/${connectionId}`;
    const decision = auth.authorize(identity.principal, 'execute-api:ManageConnections', resource);
    traced.principal = identity.principal;
    traced.checks.push({
      action: 'execute-api:ManageConnections',
      resource,
      allowed: decision.allowed,
      message: decision.message,
    });
    if (!decision.allowed) traced.errorType = 'ForbiddenException';
    if (!decision.allowed) {
      emit({ type: 'denied', method, connectionId, resource, message: decision.message });
      sendAwsError(res, 403, 'ForbiddenException', decision.message, requestId);
      return true;
    }
    if (limiter && !limiter.tryTake()) {
      emit({ type: 'throttled', what: 'management', connectionId });
      sendAwsError(res, 429, 'LimitExceededException', 'Too Many Requests', requestId);
      return true;
    }
    // Unknown, closed, closing, and still inside its own $connect: all "gone" to the caller.
    const record = registry.getOpen(connectionId);
    if (!record) {
      sendGone(res, requestId);
      return true;
    }

    if (method === 'POST') {
      options.deliver(record, body);
      emit({
        type: 'frame-out',
        connectionId,
        source: 'post',
        requestId,
        bytes: body.length,
        body: body.subarray(0, 4096).toString('utf8'),
      });
      registry.touch(connectionId);
      sendJson(res, 200, undefined, {}, requestId);
    } else if (method === 'GET') {
      sendJson(
        res,
        200,
        {
          connectedAt: new Date(record.connectedAt).toISOString(),
          identity: {
            sourceIp: record.identity.sourceIp,
            ...(record.identity.userAgent === undefined ? {} : { userAgent: record.identity.userAgent }),
          },
          lastActiveAt: new Date(record.lastActiveAt).toISOString(),
        },
        {},
        requestId,
      );
    } else {
      options.disconnect(record);
      res.writeHead(204, { 'x-amzn-RequestId': requestId });
      res.end();
    }
    return true;
  };
}

/**
 * AWS answers 410 with no message, which is why SDK v3 users see "GoneException: UnknownError".
 * The error name, which is what code should test, comes from the header.
 */
function sendGone(res: ServerResponse, requestId: string): void {
  res.writeHead(410, {
    'content-type': 'application/json',
    'content-length': 0,
    'x-amzn-RequestId': requestId,
    'x-amzn-ErrorType': 'GoneException',
  });
  res.end();
}

/** `/<stage>/@connections/<id>`, each segment percent-decoded; undefined for any other path. */
function connectionIdOf(url: string, stage: string): string | undefined {
  const pathname = url.split('?')[0] ?? '';
  const segments = pathname.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  if (
    segments.length !== 4 ||
    segments[0] !== '' ||
    segments[1] !== stage ||
    segments[2] !== '@connections'
  ) {
    return undefined;
  }
  return segments[3] || undefined;
}

function isSigned(req: IncomingMessage): boolean {
  if (req.headers.authorization) return true;
  return /[?&]X-Amz-Signature=/i.test(req.url ?? '');
}
