/**
 * The DynamoDB endpoint functions and people talk to (the READY `dynamodb` URL). It asks IAM who
 * signed each request and whether that principal may do it, answers a denial the way DynamoDB
 * does, and passes everything else to the engine untouched. DynamoDB Local checks no signatures,
 * so forwarding the original bytes and headers is enough.
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authorizer, CallCheck, Principal, ServiceCall } from '../contracts.ts';
import { closeAfterAnswer, declaredTooLarge, readBody } from '../http/body.ts';
import { checkHost, type HostAllowList } from '../http/host-allow.ts';
import { faithfulErrorBody } from './faithful-errors.ts';
import { arnsFor, checksFor } from './proxy-resources.ts';
import { otherRegionAnswer, signedRegion } from './regions.ts';

export interface ProxyDenial {
  principal: Principal;
  action: string;
  resource: string;
  message: string;
}

export interface DynamoProxyOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The engine's endpoint, e.g. http://127.0.0.1:41234. */
  target: string;
  auth: Authorizer;
  region: string;
  accountId: string;
  onDenied?: (denial: ProxyDenial) => void;
  /** Host headers answered (DNS-rebinding guard); every Host when omitted. */
  hosts?: HostAllowList | undefined;
  /** Told of every call once answered (the trace listens). */
  onCall?: (call: ServiceCall) => void;
}

// ---- trace: what one call did, gathered while it is handled (see onCall) ----
interface Traced {
  startedAt: number;
  principal?: Principal;
  checks: CallCheck[];
  errorType?: string;
  answer: Buffer[];
}
const TRACED_BODY = 4096;

function tellCall(
  onCall: ((call: ServiceCall) => void) | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | undefined,
  traced: Traced,
): void {
  if (!onCall) return;
  let parsed: Record<string, unknown> = {};
  try {
    parsed = body && body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    /* an unparsable body is traced as it is */
  }
  let errorType = traced.errorType;
  if (errorType === undefined && res.statusCode >= 400 && traced.answer.length > 0) {
    try {
      const type = (JSON.parse(Buffer.concat(traced.answer).toString('utf8')) as { __type?: string }).__type;
      if (type) errorType = type;
    } catch {
      /* not JSON */
    }
  }
  const target = req.headers['x-amz-target'];
  const table =
    typeof parsed.TableName === 'string'
      ? parsed.TableName
      : parsed.RequestItems && typeof parsed.RequestItems === 'object'
        ? Object.keys(parsed.RequestItems).join(',')
        : undefined;
  const trace = req.headers['x-amzn-trace-id'];
  try {
    onCall({
      service: 'dynamodb',
      action: typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : '?',
      ...(table ? { target: table } : {}),
      ...(traced.principal ? { principal: traced.principal } : {}),
      ...(typeof trace === 'string' ? { traceHeader: trace } : {}),
      checks: traced.checks,
      startedAt: traced.startedAt,
      latencyMs: Date.now() - traced.startedAt,
      status: res.statusCode,
      ...(errorType ? { errorType: errorType.slice(errorType.indexOf('#') + 1) } : {}),
      ...(body ? { body: body.subarray(0, TRACED_BODY).toString('utf8') } : {}),
    });
  } catch {
    /* an observer's failure is not the caller's */
  }
}
// ---- end trace ----

export interface DynamoProxy {
  url: string;
  port: number;
  /** The same endpoint as a plain handler, for a listener in front (the TLS front door). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  stop(): Promise<void>;
}

const TARGET_PREFIX = 'DynamoDB_20120810.';
const JSON_TYPE = 'application/x-amz-json-1.0';
/** DynamoDB refuses request bodies over 16 MB; reading more would only cost memory. */
const MAX_BODY = 16 * 1024 * 1024;

let requestCounter = 0;
function requestId(): string {
  requestCounter = (requestCounter + 1) % 0x100000000;
  return `EMU${Date.now().toString(36).toUpperCase()}${requestCounter.toString(36).toUpperCase().padStart(7, '0')}`.padEnd(
    52,
    'A',
  );
}

/** An error as DynamoDB's awsJson1_0 protocol sends it; the SDK names it from `__type`. */
function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  messageKey = 'message',
): void {
  const body = JSON.stringify({ __type: type, [messageKey]: message });
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId(),
  });
  res.end(body);
}

export async function startDynamoProxy(options: DynamoProxyOptions): Promise<DynamoProxy> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const arns = arnsFor(options.region, options.accountId);
  const { auth } = options;

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, traced?: Traced) => {
    const upstream = httpRequest(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host, 'content-length': String(body.length) },
        agent,
      },
      (answer) => {
        // (lessons) A 400 may be worded differently by the engine than by DynamoDB: buffered and reworded.
        if (answer.statusCode === 400) {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.once('end', () => {
            const target = req.headers['x-amz-target'];
            const operation = typeof target === 'string' ? target.split('.').pop() : undefined;
            const out = faithfulErrorBody(operation, Buffer.concat(chunks));
            traced?.answer.push(out);
            res.writeHead(400, { ...answer.headers, 'content-length': String(out.length) });
            res.end(out);
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        if (traced && (answer.statusCode ?? 500) >= 400)
          answer.on('data', (c: Buffer) => traced.answer.push(c));
        answer.pipe(res);
      },
    );
    upstream.once('error', (error) => {
      if (res.headersSent) {
        res.destroy(error);
        return;
      }
      sendError(
        res,
        500,
        'com.amazonaws.dynamodb.v20120810#InternalServerError',
        `The emulator's DynamoDB engine at ${options.target} did not answer (${(error as NodeJS.ErrnoException).code ?? error.message}). ` +
          'Restart the emulator (npm start); if it keeps happening, try --engine dynalite.',
      );
    });
    upstream.end(body);
  };

  const tooLarge = (req: IncomingMessage, res: ServerResponse) => {
    closeAfterAnswer(req, res);
    sendError(
      res,
      413,
      'com.amazon.coral.service#RequestEntityTooLarge',
      'Request entity too large: DynamoDB accepts at most 16 MB per request.',
    );
  };

  // (lessons) Another region's tables are not these: answered as an empty region of DynamoDB would.
  const answeredForOtherRegion = (req: IncomingMessage, res: ServerResponse, body: Buffer): boolean => {
    const regional = otherRegionAnswer(req.headers, body, options.region);
    if (!regional) return false;
    const text = JSON.stringify(regional.body);
    res.writeHead(regional.status, {
      'content-type': JSON_TYPE,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': requestId(),
    });
    res.end(text);
    return true;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const traced: Traced = { startedAt: Date.now(), checks: [], answer: [] };
    // Read when the call is answered: the body, once it has been read.
    let body: Buffer | undefined;
    if (options.onCall) res.once('finish', () => tellCall(options.onCall, req, res, body, traced));
    if (!checkHost(options.hosts, req, res, JSON_TYPE)) return;
    if (declaredTooLarge(req, MAX_BODY)) {
      tooLarge(req, res);
      return;
    }
    const head = { method: req.method ?? 'POST', url: req.url ?? '/', headers: req.headers };
    // Who is calling is decided from the headers before a byte of body is read.
    const screened = auth.screen?.(head, 'dynamodb');
    if (screened && !screened.ok) {
      closeAfterAnswer(req, res);
      sendError(res, screened.status, `com.amazon.coral.service#${screened.errorType}`, screened.message);
      return;
    }
    const read = await readBody(req, MAX_BODY);
    if (!read.ok) {
      tooLarge(req, res);
      return;
    }
    body = read.body;
    const identity = auth.identify({ ...head, body }, 'dynamodb');
    if (!identity.ok) {
      traced.errorType = identity.errorType;
      sendError(res, identity.status, `com.amazon.coral.service#${identity.errorType}`, identity.message);
      return;
    }
    const principal = identity.principal;
    traced.principal = principal;
    // Administrators skip parsing altogether: dynamodb-admin and table bootstrap stay fast.
    if (principal.kind === 'admin') {
      if (!answeredForOtherRegion(req, res, body)) forward(req, res, body, traced);
      return;
    }
    const targetHeader = req.headers['x-amz-target'];
    const operation =
      typeof targetHeader === 'string' && targetHeader.startsWith(TARGET_PREFIX)
        ? targetHeader.slice(TARGET_PREFIX.length)
        : undefined;
    if (operation === undefined) {
      sendError(res, 400, 'com.amazon.coral.service#UnknownOperationException', '');
      return;
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    } catch {
      sendError(
        res,
        400,
        'com.amazon.coral.service#SerializationException',
        'Start of structure or map found where not expected.',
      );
      return;
    }
    // IAM judges the ARNs of the region the request was signed for, as AWS does.
    const signed = signedRegion(req.headers);
    const scoped = signed && signed !== options.region ? arnsFor(signed, options.accountId) : arns;
    for (const check of checksFor(operation, parsed ?? {}, scoped)) {
      const decision = auth.authorize(principal, check.action, check.resource);
      traced.checks.push({ ...check, allowed: decision.allowed, message: decision.message });
      if (!decision.allowed) {
        traced.errorType = 'AccessDeniedException';
        options.onDenied?.({
          principal,
          action: check.action,
          resource: check.resource,
          message: decision.message,
        });
        // DynamoDB spells this one's message key with a capital M.
        sendError(res, 400, 'com.amazon.coral.service#AccessDeniedException', decision.message, 'Message');
        return;
      }
    }
    if (!answeredForOtherRegion(req, res, body)) forward(req, res, body, traced);
  };

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else
        sendError(
          res,
          500,
          'com.amazonaws.dynamodb.v20120810#InternalServerError',
          `The emulator's DynamoDB proxy failed: ${(error as Error).message}`,
        );
    });
  };
  const server = createServer(serve);
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`,
    port,
    handle: serve,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
        agent.destroy();
      }),
  };
}
