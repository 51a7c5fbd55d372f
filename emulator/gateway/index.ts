/**
 * The WebSocket API Gateway: one HTTP server carrying both the WebSocket endpoint
 * (`ws://host:port/<stage>`) and the `@connections` management API
 * (`http://host:port/<stage>/@connections/<id>`), as one API Gateway domain does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Authorizer, Invoke, ServiceCall } from '../contracts.ts';
import { executeApiHostname } from '../endpoints/hostnames.ts';
import { checkHost, type HostAllowList, refusedHostMessage } from '../http/host-allow.ts';
import type { Stack } from '../stack.ts';
import type { GatewayEvent } from './gateway-event.ts';
import { type ConnectionInfo, ConnectionRegistry } from './model/connections.ts';
import { ControlPlane } from './model/control-plane.ts';
import { type GatewayLimits, resolveLimits } from './model/limits.ts';
import { openAuthorizer } from './model/open-authorizer.ts';
import { refuseMissingToken, sendAwsError } from './wire/aws-errors.ts';
import { createConnectAuthorizer } from './wire/connect-authorizer.ts';
import { createControlPlaneHandler } from './wire/control-plane.ts';
import { createManagementHandler } from './wire/management.ts';
import { createWebSocketFrontend } from './wire/websocket.ts';

export type { GatewayEvent } from './gateway-event.ts';
export type { ConnectionInfo, ConnectionState } from './model/connections.ts';
export type { ControlPlane, ControlPlaneChange } from './model/control-plane.ts';
export { DEFAULT_LIMITS, type GatewayLimits } from './model/limits.ts';

export interface GatewayOptions {
  stack: Pick<Stack, 'stage' | 'region' | 'accountId' | 'apiId' | 'routes' | 'routeSelectionExpression'> &
    Partial<Pick<Stack, 'connectAuthorizer' | 'name' | 'stageAutoDeploy'>>;
  host: string;
  /** 0 picks a free port. */
  port: number;
  invoke: Invoke;
  /** Who may call `@connections`. Without one, every signed caller is an administrator. */
  auth?: Authorizer | undefined;
  limits?: Partial<GatewayLimits> | undefined;
  onEvent?: (event: GatewayEvent) => void;
  /** Host headers answered, on HTTP and WebSocket alike (DNS-rebinding guard); all when omitted. */
  hosts?: HostAllowList | undefined;
  /** Told of every `@connections` and control-plane call once answered (the trace listens). */
  onCall?: ((call: ServiceCall) => void) | undefined;
}

export interface Gateway {
  /** `ws://host:port/<stage>` */
  wsUrl: string;
  /** `http://host:port/<stage>`: the `endpoint` for ApiGatewayManagementApiClient. */
  managementUrl: string;
  /** The API's AWS hostname, as events carry it: `<apiId>.execute-api.<region>.amazonaws.com`. */
  domainName: string;
  port: number;
  /** The HTTP side (`@connections`) as a plain handler, for a listener in front (the TLS front door). */
  handleHttp(req: IncomingMessage, res: ServerResponse): void;
  /** The API's routes, integrations, deployments and stage (what the console edits). */
  controlPlane: ControlPlane;
  /** The ApiGatewayV2 REST API over it, for `apigateway.<region>.amazonaws.com` on the front door. */
  handleControlPlane(req: IncomingMessage, res: ServerResponse): void;
  /** `http://host:port`: the same API on the loopback port, for `--endpoint-url` / `endpoint`. */
  controlPlaneUrl: string;
  connections(): ConnectionInfo[];
  stop(): Promise<void>;
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { stack } = options;
  for (const [key, route] of Object.entries(stack.routes)) {
    if (!route.function) throw new Error(`route ${key} names no function`);
  }
  const limits = resolveLimits(options.limits);
  const registry = new ConnectionRegistry<WebSocket>();
  // A failing observer (the console) must not take the gateway down with it.
  const emit = (event: GatewayEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      /* ignored on purpose */
    }
  };

  const domainName = executeApiHostname(stack.apiId, stack.region);
  // The stack's routes become deployment #1 of the stage; later changes go through the control plane.
  const controlPlane = new ControlPlane({
    apiId: stack.apiId,
    name: stack.name ?? stack.apiId,
    region: stack.region,
    accountId: stack.accountId,
    routeSelectionExpression: stack.routeSelectionExpression,
    stage: stack.stage,
    autoDeploy: stack.stageAutoDeploy ?? false,
    routes: stack.routes,
    ...(stack.connectAuthorizer ? { authorizedRouteKeys: ['$connect'] } : {}),
  });
  const frontend = createWebSocketFrontend({
    api: { stage: stack.stage, apiId: stack.apiId, region: stack.region, domainName },
    connectAuthorizer: stack.connectAuthorizer
      ? createConnectAuthorizer(
          stack.connectAuthorizer,
          { stage: stack.stage, apiId: stack.apiId, region: stack.region, accountId: stack.accountId },
          options.invoke,
          limits.integrationTimeoutMs,
        )
      : undefined,
    deployment: () => controlPlane.deployed(),
    invoke: options.invoke,
    limits,
    registry,
    emit,
  });
  const management = createManagementHandler({
    api: { stage: stack.stage, apiId: stack.apiId, region: stack.region, accountId: stack.accountId },
    registry,
    auth: options.auth ?? openAuthorizer,
    limits,
    emit,
    deliver: frontend.deliver,
    disconnect: frontend.disconnect,
    onCall: options.onCall,
  });

  const hosts = options.hosts;
  const handleHttp = (req: IncomingMessage, res: ServerResponse) => {
    if (!checkHost(hosts, req, res)) return;
    management(req, res)
      .then((handled) => {
        if (!handled) refuseMissingToken(req, res);
      })
      .catch((error: unknown) => {
        if (!res.headersSent) {
          sendAwsError(res, 500, 'InternalServerErrorException', 'Internal server error');
        } else {
          res.destroy(error instanceof Error ? error : undefined);
        }
      });
  };
  const handleControlPlane = createControlPlaneHandler({
    plane: controlPlane,
    auth: options.auth ?? openAuthorizer,
    region: stack.region,
    onCall: options.onCall,
  });
  // The loopback port also answers the ApiGatewayV2 API under /v2/apis, for `--endpoint-url`
  // (as the Logs API has its port); the execute-api hostname on the front door does not.
  const server = createServer((req, res) => {
    if (/^\/v2\/apis(?:[/?]|$)/.test(req.url ?? '')) {
      if (checkHost(hosts, req, res)) handleControlPlane(req, res);
      return;
    }
    handleHttp(req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // The Origin stays open, as on AWS; the Host does not.
    if (hosts && !hosts.allows(req.headers.host)) {
      const body = JSON.stringify({ message: refusedHostMessage(req.headers.host, hosts) });
      socket.on('error', () => socket.destroy());
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      emit({ type: 'refused', status: 403, reason: `Host "${req.headers.host ?? ''}" is not allowed` });
      return;
    }
    frontend.handleUpgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    wsUrl: `ws://${hostInUrl}:${port}/${stack.stage}`,
    managementUrl: `http://${hostInUrl}:${port}/${stack.stage}`,
    domainName,
    port,
    handleHttp,
    controlPlane,
    handleControlPlane,
    controlPlaneUrl: `http://${hostInUrl}:${port}`,
    connections: () => registry.list(),
    stop: async () => {
      frontend.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
