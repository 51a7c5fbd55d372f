/**
 * Test harness for the gateway: in-test functions that play the Lambda host's `invoke`
 * contract, real `ws` clients, and the real management API client.
 */
import { randomUUID } from 'node:crypto';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { WebSocket } from 'ws';
import type { Authorizer, Invoke } from '../../../emulator/contracts.ts';
import {
  type Gateway,
  type GatewayEvent,
  type GatewayLimits,
  startGateway,
} from '../../../emulator/gateway/index.ts';
import type { AuthorizerSpec, RouteSpec } from '../../../emulator/stack.ts';
import { testApi } from '../../support/api.ts';

/** The documented event plus the `$disconnect` fields @types/aws-lambda does not list. */
export type WsEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: { disconnectStatusCode?: number; disconnectReason?: string };
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  queryStringParameters?: Record<string, string>;
};

export type Handler = (event: WsEvent) => unknown;

export interface Call {
  functionName: string;
  event: WsEvent;
}

/**
 * Plays the Lambda host: runs the named handler; a throw becomes a function error outcome, as
 * the host reports an unhandled error. A name with no handler makes `invoke` itself reject,
 * which is how a host failure looks to the gateway.
 */
export function lambdas(handlers: Record<string, Handler>): { invoke: Invoke; calls: Call[] } {
  const calls: Call[] = [];
  const invoke: Invoke = async (functionName, event) => {
    calls.push({ functionName, event: event as WsEvent });
    const handler = handlers[functionName];
    if (!handler) throw new Error(`no function named ${functionName}`);
    const requestId = randomUUID();
    try {
      return { requestId, ok: true, payload: await handler(event as WsEvent) };
    } catch (error) {
      const e = error as Error;
      return { requestId, ok: false, errorType: e.name, errorMessage: e.message };
    }
  };
  return { invoke, calls };
}

export interface Started {
  gateway: Gateway;
  calls: Call[];
  events: GatewayEvent[];
  sdk: ApiGatewayManagementApiClient;
}

const running: Gateway[] = [];

export async function start(options: {
  routes: Record<string, RouteSpec>;
  handlers: Record<string, Handler>;
  routeSelectionExpression?: string;
  limits?: Partial<GatewayLimits>;
  auth?: Authorizer;
  connectAuthorizer?: AuthorizerSpec;
}): Promise<Started> {
  const { invoke, calls } = lambdas(options.handlers);
  const events: GatewayEvent[] = [];
  const gateway = await startGateway({
    stack: {
      ...testApi(options.routes),
      ...(options.routeSelectionExpression
        ? { routeSelectionExpression: options.routeSelectionExpression }
        : {}),
      ...(options.connectAuthorizer ? { connectAuthorizer: options.connectAuthorizer } : {}),
    },
    host: '127.0.0.1',
    port: 0,
    invoke,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    onEvent: (e) => events.push(e),
  });
  running.push(gateway);
  return { gateway, calls, events, sdk: managementClient(gateway.managementUrl) };
}

export async function stopAll(): Promise<void> {
  await Promise.all(running.splice(0).map((g) => g.stop()));
}

export function managementClient(endpoint: string): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({
    endpoint,
    region: 'ap-northeast-2',
    credentials: { accessKeyId: 'AKIAGATEWAYTEST', secretAccessKey: 'gateway-test-secret' },
    maxAttempts: 1,
  });
}

/** A ws client that keeps every text frame it receives, in order. */
export class Client {
  readonly messages: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      this.messages.push(isBinary ? `<binary ${String(data)}>` : String(data));
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') }));
    });
    ws.on('error', () => undefined);
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new Client(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`handshake refused with ${res.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  /** The message at `index` (0-based), waiting for it to arrive. */
  async message(index: number): Promise<string> {
    while (this.messages.length <= index) {
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
    return this.messages[index] as string;
  }

  async json(index: number): Promise<Record<string, unknown>> {
    return JSON.parse(await this.message(index)) as Record<string, unknown>;
  }

  send(text: string): void {
    this.ws.send(text);
  }
}

/** Attempts a handshake that should be refused; resolves with the HTTP status and body AWS would give. */
export function refusedHandshake(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the handshake was accepted'));
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', () => undefined);
  });
}

export function callsTo(calls: Call[], functionName: string): WsEvent[] {
  return calls.filter((c) => c.functionName === functionName).map((c) => c.event);
}

/** An SDK error as the tests read it: its name, message and HTTP metadata. */
export type AwsError = Error & { $metadata: { httpStatusCode?: number; requestId?: string } };

/** The error a call must fail with; a call that succeeds fails the test. */
export async function rejection(call: Promise<unknown>): Promise<AwsError> {
  try {
    await call;
  } catch (error) {
    return error as AwsError;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
