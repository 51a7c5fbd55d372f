/**
 * The WebSocket side of the gateway: the handshake held open while `$connect` runs, message
 * routing, route responses, size limits, idle and duration timeouts, and `$disconnect`.
 * Behaviour follows the API Gateway developer guide:
 * - apigateway-websocket-api-route-keys-connect-disconnect.html (upgrade pending until `$connect`
 *   finishes; `$disconnect` best effort),
 * - apigateway-websocket-api-routes-integrations.html (routing, 1009 past the size limits, 1003 on
 *   binary frames),
 * - apigateway-execution-service-websocket-limits-table.html (quotas).
 */
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type ServerOptions, type WebSocket, WebSocketServer } from 'ws';
import type { Invoke, InvokeOutcome } from '../../contracts.ts';
import type { GatewayEvent } from '../gateway-event.ts';
import type { CloseCause, ConnectionRecord, ConnectionRegistry } from '../model/connections.ts';
import type { DeployedApi } from '../model/control-plane.ts';
import { newConnectionId, newRequestId } from '../model/ids.ts';
import { type GatewayLimits, RateLimiter } from '../model/limits.ts';
import { selectRoute } from '../model/route-selection.ts';
import type { ConnectAuthorizer } from './connect-authorizer.ts';
import {
  type ApiIdentity,
  buildConnectEvent,
  buildDisconnectEvent,
  buildMessageEvent,
  type HandshakeRequest,
} from './events.ts';
import { enforceFrameLimit } from './frame-limit.ts';

export interface WebSocketFrontendOptions {
  /** `domainName` is the API's AWS hostname (`<apiId>.execute-api.<region>.amazonaws.com`): events
   * carry it whatever address the client dialled, as on AWS, and functions build their
   * `@connections` endpoint from it. */
  api: ApiIdentity & { region: string; domainName: string };
  /** Decides before `$connect` runs (a Lambda REQUEST authorizer), when the stack has one. */
  connectAuthorizer?: ConnectAuthorizer | undefined;
  /** The stage's current deployment, read per handshake, message and close: the routes live
   * now, which change only when the stage is (re)deployed (model/control-plane.ts). */
  deployment: () => DeployedApi | undefined;
  invoke: Invoke;
  limits: GatewayLimits;
  registry: ConnectionRegistry<WebSocket>;
  emit: (event: GatewayEvent) => void;
}

export interface WebSocketFrontend {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends one message as text, split into frames no larger than the frame limit, as AWS does. */
  deliver(record: ConnectionRecord<WebSocket>, data: Buffer): void;
  /** Ends a connection from the server side (DeleteConnection). */
  disconnect(record: ConnectionRecord<WebSocket>): void;
  /** Drops every connection at once; `$disconnect` is not invoked while the emulator shuts down. */
  stop(): void;
}

/** The close API Gateway itself reports when it ends a connection for these reasons. */
const GOING_AWAY: CloseCause = { code: 1001, reason: 'Going away' };
const DELETED: CloseCause = { code: 1000, reason: 'Connection Closed Normally' };
const BINARY: CloseCause = { code: 1003, reason: 'Binary frames are not supported' };

/** Reasons for client-initiated closes that carry no reason text of their own. */
const CLOSE_REASONS: Record<number, string> = {
  1000: 'Connection Closed Normally',
  1001: 'Going away',
  1005: 'Client-side close frame status not set',
  1006: 'Connection closed abnormally',
};

const INTERNAL_ERROR = 'Internal server error';
const TIMED_OUT = 'Endpoint request timed out';

type Integration =
  | { kind: 'ok'; outcome: InvokeOutcome }
  | { kind: 'timeout' }
  | { kind: 'threw'; error: Error };

export function createWebSocketFrontend(options: WebSocketFrontendOptions): WebSocketFrontend {
  const { api, invoke, limits, registry, emit } = options;
  const routes = () => options.deployment()?.routes ?? {};
  const connectLimiter = new RateLimiter(limits.connectsPerSecond);
  // perMessageDeflate off: API Gateway does not negotiate compression, and the size limits
  // apply to the bytes on the wire.
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: limits.maxMessageBytes,
    // ws 8.19+ option (not in @types/ws yet): the wait for the client's close frame.
    ...(limits.closeTimeoutMs === undefined ? {} : { closeTimeout: limits.closeTimeoutMs }),
  } as ServerOptions);
  const pendingHandshakes = new Set<Duplex>();
  const timers = new Map<string, { idle: NodeJS.Timeout; hard: NodeJS.Timeout }>();
  let stopping = false;

  /**
   * One Lambda integration, bounded by the integration timeout. The connection id is the queue
   * key, so one busy connection cannot take every instance; when the timeout passes before the
   * invocation started, the abort drops it from the queue and it never runs.
   */
  async function integrate(functionName: string, event: unknown, connectionId: string): Promise<Integration> {
    let timer: NodeJS.Timeout | undefined;
    const abort = new AbortController();
    const timeout = new Promise<Integration>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve({ kind: 'timeout' });
      }, limits.integrationTimeoutMs);
    });
    const call = invoke(functionName, event, { queueKey: connectionId, signal: abort.signal }).then(
      (outcome): Integration => ({ kind: 'ok', outcome }),
      (error: unknown): Integration => ({
        kind: 'threw',
        error: error instanceof Error ? error : new Error(String(error)),
      }),
    );
    try {
      return await Promise.race([call, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  function reportFailure(
    record: ConnectionRecord<WebSocket>,
    routeKey: string,
    requestId: string,
    result: Integration,
  ): void {
    const [errorType, errorMessage] =
      result.kind === 'timeout'
        ? ['IntegrationTimeout', `no answer within ${limits.integrationTimeoutMs} ms`]
        : result.kind === 'threw'
          ? [result.error.name, result.error.message]
          : result.outcome.ok
            ? ['', '']
            : [result.outcome.errorType, result.outcome.errorMessage];
    emit({ type: 'error', connectionId: record.connectionId, routeKey, requestId, errorType, errorMessage });
  }

  // ---- handshake ---------------------------------------------------------------------------

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    pendingHandshakes.add(socket);
    socket.once('close', () => pendingHandshakes.delete(socket));
    upgrade(req, socket, head).catch((error: unknown) => {
      refuse(socket, 500, JSON.stringify({ message: INTERNAL_ERROR }));
      emit({ type: 'refused', status: 500, reason: error instanceof Error ? error.message : String(error) });
    });
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    if (url.pathname.replace(/\/+$/, '') !== `/${api.stage}`) {
      refuse(socket, 403, JSON.stringify({ message: 'Forbidden' }));
      emit({ type: 'refused', status: 403, reason: `no stage at ${url.pathname}; connect to /${api.stage}` });
      return;
    }
    const invalid = invalidHandshake(req);
    if (invalid) {
      refuse(socket, 400, JSON.stringify({ message: invalid }));
      emit({ type: 'refused', status: 400, reason: invalid });
      return;
    }
    if (!connectLimiter.tryTake()) {
      refuse(socket, 429, JSON.stringify({ message: 'Too Many Requests' }));
      emit({ type: 'throttled', what: 'connect' });
      emit({
        type: 'refused',
        status: 429,
        reason: `over ${limits.connectsPerSecond} new connections per second`,
      });
      return;
    }

    const now = Date.now();
    const sourceIp = clientIp(req);
    const userAgent = req.headers['user-agent'];
    const record = registry.add({
      connectionId: newConnectionId(),
      connectedAt: now,
      identity: { sourceIp, ...(userAgent === undefined ? {} : { userAgent }) },
      domainName: api.domainName,
    });

    // ---- stacks: the $connect authorizer decides before $connect runs (apigateway-websocket-api-lambda-auth.html)
    if (options.connectAuthorizer) {
      const decided = await options.connectAuthorizer.authorize(record, handshakeOf(req, sourceIp), {
        requestId: newRequestId(),
        now,
      });
      if (!decided.allow) {
        registry.remove(record.connectionId);
        refuse(socket, decided.status, JSON.stringify({ message: decided.message }));
        emit({
          type: 'refused',
          connectionId: record.connectionId,
          status: decided.status,
          reason: decided.reason,
        });
        return;
      }
      record.authorizer = decided.authorizer;
    }
    // ---- end stacks

    const verdict = await runConnect(record, handshakeOf(req, sourceIp), now);
    if (!verdict.accept) {
      registry.remove(record.connectionId);
      refuse(socket, verdict.status, verdict.body);
      emit({
        type: 'refused',
        connectionId: record.connectionId,
        status: verdict.status,
        reason: verdict.reason,
      });
      return;
    }
    if (stopping || socket.destroyed) {
      // The client gave up (or the emulator is stopping) while `$connect` ran.
      registry.remove(record.connectionId);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      pendingHandshakes.delete(socket);
      attach(record, ws);
    });
  }

  type Verdict = { accept: true } | { accept: false; status: number; body: string; reason: string };

  /**
   * `$connect` decides the handshake: a 2xx (or no status at all) accepts it; another status
   * refuses it with that status; a function error is a 502 and an integration timeout a 504,
   * as with any Lambda proxy integration.
   */
  async function runConnect(record: ConnectionRecord<WebSocket>, request: HandshakeRequest, now: number) {
    if (!('$connect' in routes())) return { accept: true } as Verdict;
    const route = routes().$connect;
    if (!route)
      return {
        accept: false,
        status: 500,
        body: JSON.stringify({ message: INTERNAL_ERROR }),
        reason: '$connect has no integration in the deployed stage',
      } as Verdict;
    const requestId = newRequestId();
    const event = buildConnectEvent(api, record, request, { requestId, extendedRequestId: requestId, now });
    const result = await integrate(route.function, event, record.connectionId);
    if (result.kind !== 'ok' || !result.outcome.ok) {
      reportFailure(record, '$connect', requestId, result);
      const status = result.kind === 'timeout' ? 504 : result.kind === 'threw' ? 500 : 502;
      const message = result.kind === 'timeout' ? TIMED_OUT : INTERNAL_ERROR;
      return {
        accept: false,
        status,
        body: JSON.stringify({ message }),
        reason: `$connect integration failed (${message})`,
      } as Verdict;
    }
    const response = proxyResponse(result.outcome.payload);
    if (response.statusCode === undefined || (response.statusCode >= 200 && response.statusCode < 300)) {
      return { accept: true } as Verdict;
    }
    return {
      accept: false,
      status: response.statusCode,
      body: response.body ?? '',
      reason: `$connect returned statusCode ${response.statusCode}`,
    } as Verdict;
  }

  // ---- open connection -----------------------------------------------------------------------

  function attach(record: ConnectionRecord<WebSocket>, ws: WebSocket): void {
    enforceFrameLimit(ws, limits.maxFrameBytes);
    registry.open(record.connectionId, ws);
    timers.set(record.connectionId, {
      idle: setTimeout(() => closeWith(record, GOING_AWAY), limits.idleTimeoutMs),
      hard: setTimeout(() => closeWith(record, GOING_AWAY), limits.maxConnectionMs),
    });
    emit({ type: 'connect', connectionId: record.connectionId, sourceIp: record.identity.sourceIp });

    ws.on('message', (data, isBinary) => onMessage(record, data, isBinary));
    // A ping is client activity too (ws answers it with a pong by itself).
    ws.on('ping', () => clientActive(record));
    ws.on('error', (error) => registry.setCloseCause(record.connectionId, causeOf(error)));
    ws.on('close', (code, reason) => {
      onClose(record, code, reason.toString('utf8')).catch(() => undefined);
    });
  }

  function clientActive(record: ConnectionRecord<WebSocket>): void {
    registry.touch(record.connectionId);
    timers.get(record.connectionId)?.idle.refresh();
  }

  function onMessage(record: ConnectionRecord<WebSocket>, data: RawData, isBinary: boolean): void {
    if (record.state !== 'open') return;
    clientActive(record);
    if (isBinary) {
      closeWith(record, BINARY);
      return;
    }
    const body = rawToBuffer(data).toString('utf8');
    handleMessage(record, body).catch((error: unknown) => {
      emit({
        type: 'error',
        connectionId: record.connectionId,
        routeKey: '?',
        requestId: '?',
        errorType: 'GatewayError',
        errorMessage: error instanceof Error ? error.message : String(error),
      });
    });
  }

  async function handleMessage(record: ConnectionRecord<WebSocket>, body: string): Promise<void> {
    const requestId = newRequestId();
    // ---- route: the stage's deployment decides, not the API's draft routes
    const deployed = options.deployment();
    const routeKey = deployed ? selectRoute(deployed.selector, body, deployed.routeKeys) : undefined;
    // ---- end route
    emit({
      type: 'message',
      connectionId: record.connectionId,
      requestId,
      routeKey: routeKey ?? '(none)',
      bytes: Buffer.byteLength(body),
      body: body.slice(0, 4096),
    });
    if (routeKey === undefined) {
      sendJsonFrame(
        record,
        { message: 'Forbidden', connectionId: record.connectionId, requestId },
        requestId,
      );
      emit({ type: 'unrouted', connectionId: record.connectionId, requestId });
      return;
    }
    const route = deployed?.routes[routeKey];
    if (!route) {
      emit({
        type: 'error',
        connectionId: record.connectionId,
        routeKey,
        requestId,
        errorType: 'NoIntegration',
        errorMessage: `route ${routeKey} has no integration in deployment ${deployed?.deploymentId ?? '(none)'}`,
      });
      sendJsonFrame(
        record,
        { message: INTERNAL_ERROR, connectionId: record.connectionId, requestId },
        requestId,
      );
      return;
    }
    const event = buildMessageEvent(api, record, routeKey, body, {
      requestId,
      extendedRequestId: requestId,
      messageId: newRequestId(),
      now: Date.now(),
    });
    const result = await integrate(route.function, event, record.connectionId);
    if (result.kind !== 'ok' || !result.outcome.ok) {
      reportFailure(record, routeKey, requestId, result);
      const message = result.kind === 'timeout' ? TIMED_OUT : INTERNAL_ERROR;
      sendJsonFrame(record, { message, connectionId: record.connectionId, requestId }, requestId);
      return;
    }
    // Without a route response API Gateway drops what the integration returned.
    if (!route.routeResponse) return;
    const response = proxyResponse(result.outcome.payload);
    if (response.body === undefined) return;
    const data = Buffer.from(response.body, 'utf8');
    // A route response is a message like any other: past the payload quota it is not sent.
    if (data.length > limits.maxMessageBytes) {
      emit({
        type: 'error',
        connectionId: record.connectionId,
        routeKey,
        requestId,
        errorType: 'RouteResponseTooLarge',
        errorMessage: `the route response is ${data.length} bytes, over the ${limits.maxMessageBytes}-byte message payload quota`,
      });
      sendJsonFrame(
        record,
        { message: INTERNAL_ERROR, connectionId: record.connectionId, requestId },
        requestId,
      );
      return;
    }
    deliver(record, data);
    emit({
      type: 'frame-out',
      connectionId: record.connectionId,
      source: 'route-response',
      requestId,
      bytes: data.length,
      body: response.body.slice(0, 4096),
    });
  }

  function sendJsonFrame(record: ConnectionRecord<WebSocket>, value: unknown, requestId: string): void {
    const text = JSON.stringify(value);
    deliver(record, Buffer.from(text, 'utf8'));
    emit({
      type: 'frame-out',
      connectionId: record.connectionId,
      source: 'gateway',
      requestId,
      bytes: Buffer.byteLength(text),
      body: text,
    });
  }

  function deliver(record: ConnectionRecord<WebSocket>, data: Buffer): void {
    const ws = record.socket;
    if (!ws || ws.readyState !== ws.OPEN) return;
    const frame = limits.maxFrameBytes;
    if (data.length <= frame) {
      ws.send(data, { binary: false });
      return;
    }
    // One synchronous loop, so no other message can slip between the fragments.
    for (let offset = 0; offset < data.length; offset += frame) {
      ws.send(data.subarray(offset, offset + frame), { binary: false, fin: offset + frame >= data.length });
    }
  }

  // Both mark the connection closing at once: from then on @connections calls get 410 and
  // further client frames are ignored, without waiting for the close handshake.
  function closeWith(record: ConnectionRecord<WebSocket>, cause: CloseCause): void {
    registry.markClosing(record.connectionId, cause);
    record.socket?.close(cause.code, cause.reason);
  }

  /** DeleteConnection: AWS's close frame carries no status code; `$disconnect` reports 1000. */
  function disconnect(record: ConnectionRecord<WebSocket>): void {
    registry.markClosing(record.connectionId, DELETED);
    record.socket?.close();
  }

  async function onClose(record: ConnectionRecord<WebSocket>, code: number, reason: string): Promise<void> {
    const t = timers.get(record.connectionId);
    if (t) {
      clearTimeout(t.idle);
      clearTimeout(t.hard);
      timers.delete(record.connectionId);
    }
    const cause = record.closeCause ?? { code, reason: reason || (CLOSE_REASONS[code] ?? '') };
    registry.markClosing(record.connectionId, cause);
    emit({
      type: 'disconnect',
      connectionId: record.connectionId,
      statusCode: cause.code,
      reason: cause.reason,
    });
    try {
      const route = routes().$disconnect;
      if (!route || stopping) return;
      const requestId = newRequestId();
      const event = buildDisconnectEvent(api, record, cause, {
        requestId,
        extendedRequestId: requestId,
        now: Date.now(),
      });
      const result = await integrate(route.function, event, record.connectionId);
      // Best effort: nobody is left to tell, so a failure is only reported.
      if (result.kind !== 'ok' || !result.outcome.ok) reportFailure(record, '$disconnect', requestId, result);
    } finally {
      registry.remove(record.connectionId);
    }
  }

  function stop(): void {
    stopping = true;
    for (const socket of pendingHandshakes) socket.destroy();
    pendingHandshakes.clear();
    for (const t of timers.values()) {
      clearTimeout(t.idle);
      clearTimeout(t.hard);
    }
    timers.clear();
    for (const record of registry.all()) record.socket?.terminate();
  }

  return { handleUpgrade, deliver, disconnect, stop };
}

// ---- helpers -------------------------------------------------------------------------------

/** The part of a Lambda proxy result API Gateway reads: `statusCode` and a string `body`. */
function proxyResponse(payload: unknown): { statusCode?: number; body?: string } {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'object')
    return { body: typeof payload === 'string' ? payload : JSON.stringify(payload) };
  const { statusCode, body } = payload as { statusCode?: unknown; body?: unknown };
  const result: { statusCode?: number; body?: string } = {};
  if (typeof statusCode === 'number') result.statusCode = statusCode;
  else if (typeof statusCode === 'string' && /^\d{3}$/.test(statusCode))
    result.statusCode = Number(statusCode);
  if (typeof body === 'string') result.body = body;
  else if (body !== undefined) result.body = JSON.stringify(body);
  return result;
}

function refuse(socket: Duplex, status: number, body: string): void {
  if (socket.destroyed) return;
  const text = STATUS_CODES[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** The checks ws would make in handleUpgrade, made before `$connect` runs so a bad handshake never reaches it. */
function invalidHandshake(req: IncomingMessage): string | undefined {
  if (req.method !== 'GET') return 'Invalid HTTP method';
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') return 'Invalid Upgrade header';
  const key = req.headers['sec-websocket-key'];
  if (!key || !/^[+/0-9A-Za-z]{22}==$/.test(key)) return 'Missing or invalid Sec-WebSocket-Key header';
  const version = req.headers['sec-websocket-version'];
  if (version !== '13' && version !== '8') return 'Missing or invalid Sec-WebSocket-Version header';
  return undefined;
}

function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** AWS adds the forwarding headers its load balancer would; apps read the client IP from them. */
function handshakeOf(req: IncomingMessage, sourceIp: string): HandshakeRequest {
  const rawHeaders = [...req.rawHeaders];
  const present = new Set(Object.keys(req.headers));
  const add = (name: string, value: string) => {
    if (!present.has(name.toLowerCase())) rawHeaders.push(name, value);
  };
  add('X-Forwarded-For', sourceIp);
  add('X-Forwarded-Port', String(req.socket.localPort ?? ''));
  add('X-Forwarded-Proto', 'http');
  return { rawHeaders, url: req.url ?? '/' };
}

function rawToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** The code ws closed with after a protocol error, as `$disconnect` should report it. */
function causeOf(error: Error): CloseCause {
  const code = (error as { code?: string }).code;
  if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') return { code: 1009, reason: 'Message too big' };
  if (code === 'WS_ERR_INVALID_UTF8') return { code: 1007, reason: 'Invalid frame payload data' };
  return { code: 1002, reason: error.message };
}
