/**
 * The CloudWatch Logs API on the wire: awsJson1_1 POSTs with `X-Amz-Target: Logs_20140328.<Action>`,
 * SigV4-checked and authorized by IAM like the other services. A plain `(req, res)` handler, so it
 * can sit on its own port (LOGS_PORT) or behind any listener that routes `logs.<region>` to it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authorizer } from '../../contracts.ts';
import { ACTIONS, groupOf, isLogsAction, type LogsAction, type LogsApiContext } from './actions.ts';
import { LogsError } from './errors.ts';

export interface LogsHandlerOptions extends LogsApiContext {
  auth: Authorizer;
}

export type LogsHandler = (req: IncomingMessage, res: ServerResponse) => void;

const TARGET_PREFIX = 'Logs_20140328.';
const JSON_TYPE = 'application/x-amz-json-1.1';
/** More than any read request needs; past it nothing more is read. */
const MAX_BODY = 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: LogsError): void {
  send(res, error.status, { __type: error.type, message: error.message });
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.destroy();
        ok(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => ok(Buffer.concat(chunks)));
    req.once('error', fail);
  });
}

/** The resource IAM checks for an action: the log group, or every group for DescribeLogGroups. */
export function resourceFor(ctx: LogsApiContext, action: LogsAction, body: Record<string, unknown>): string {
  const base = `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:`;
  if (action === 'DescribeLogGroups') return `${base}*`;
  const group = groupOf(body as { logGroupName?: string; logGroupIdentifier?: string });
  if (action === 'GetLogEvents' && typeof body.logStreamName === 'string') {
    return `${base}${group}:log-stream:${body.logStreamName}`;
  }
  return `${base}${group}:*`;
}

export function createLogsHandler(options: LogsHandlerOptions): LogsHandler {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    if (raw === undefined) throw new LogsError('SerializationException', 'Request body too large', 413);
    if (req.method !== 'POST') {
      throw new LogsError('UnknownOperationException', 'The Logs API takes POST requests with X-Amz-Target.');
    }
    const target = req.headers['x-amz-target'];
    const name =
      typeof target === 'string' && target.startsWith(TARGET_PREFIX)
        ? target.slice(TARGET_PREFIX.length)
        : '';
    if (!isLogsAction(name)) {
      throw new LogsError(
        'UnknownOperationException',
        `This emulator's Logs API answers ${Object.keys(ACTIONS).join(', ')}; not "${name || String(target)}".`,
      );
    }
    const identity = options.auth.identify(
      { method: req.method, url: req.url ?? '/', headers: req.headers, body: raw },
      'logs',
    );
    if (!identity.ok) throw new LogsError(identity.errorType, identity.message, identity.status);
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      throw new LogsError('SerializationException', 'The request body is not a JSON object.');
    }
    const decision = options.auth.authorize(
      identity.principal,
      `logs:${name}`,
      resourceFor(options, name, body),
    );
    if (!decision.allowed) throw new LogsError('AccessDeniedException', decision.message);
    send(res, 200, ACTIONS[name](options, body));
  };
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof LogsError) sendError(res, error);
      else
        sendError(
          res,
          new LogsError(
            'ServiceUnavailableException',
            `The emulator's Logs API failed: ${(error as Error).message}`,
            500,
          ),
        );
    });
  };
}
