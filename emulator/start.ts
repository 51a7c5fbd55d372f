/**
 * Composes the emulated services for one stack. Each service is started here and nowhere else,
 * and stopped in reverse order, so a failure half-way leaves nothing running.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EmulatorOptions } from './config.ts';
import { publicHost } from './config.ts';
import { adminClient } from './dynamodb/admin-client.ts';
import { type Engine, type EngineKind, engineKind, startEngine } from './dynamodb/engine.ts';
import { lockPersistDir } from './dynamodb/persist-lock.ts';
import { type DynamoProxy, startDynamoProxy } from './dynamodb/proxy.ts';
import { snapshotExists, snapshotKey } from './dynamodb/snapshot.ts';
import { ensureTables } from './dynamodb/tables.ts';
import { type Endpoints, regionOf, serviceHostname, startEndpoints } from './endpoints/index.ts';
import { type Gateway, type GatewayEvent, type GatewayLimits, startGateway } from './gateway/index.ts';
import { hostAllowList, isLoopbackBind } from './http/host-allow.ts';
import { adminKeyFile, loadOrCreateAdminKey } from './iam/admin-key.ts';
import { type AuthMode, Iam } from './iam/index.ts';
import { LambdaHost } from './lambda/host.ts';
import { runtimeNotes } from './lambda/runtimes/index.ts';
import { createLogSink, createLogsHandler, LogStore, startLogsServer } from './logs/index.ts';
import type { Stack } from './stack.ts';
import { TraceRecorder } from './trace/recorder.ts';
import { traceRoutes } from './trace/web.ts';
import { startWebServer } from './web/server.ts';

export interface EmulatorUrls {
  ws: string;
  management: string;
  dynamodb: string;
  web?: string;
  /** The CloudWatch Logs API, for `--endpoint-url` and SDK clients' `endpoint`. */
  logs?: string;
  /** The ApiGatewayV2 API (routes, deployments, stages), for `--endpoint-url`; on the front door
   * it is `https://apigateway.<region>.amazonaws.com`. */
  apigateway?: string;
  /** The live trace page (needs the web server). */
  trace?: string;
}

export interface RunningEmulator {
  stack: Stack;
  urls: EmulatorUrls;
  /** `open` or `strict` (see `--auth`). */
  auth: AuthMode;
  /** The administrator's key pair: signatures checked, every action allowed, in both modes. */
  admin: { accessKeyId: string; secretAccessKey: string; file: string };
  engine: Engine;
  /** The engine behind the IAM-enforcing endpoint, for tests that must bypass IAM. */
  engineEndpoint: string;
  iam: Iam;
  logs: LogStore;
  /** The live trace of messages, invocations and AWS calls. */
  trace: TraceRecorder;
  lambda: LambdaHost;
  gateway: Gateway;
  /** The AWS hostnames instances reach; `endpoints.frontDoor.route(host, target)` adds one. */
  endpoints: Endpoints;
  stop(): Promise<void>;
}

export type StartOptions = Partial<EmulatorOptions> & {
  /** Progress and event lines for people; silent when omitted. */
  log?: (line: string) => void;
  /** Also print every connect and disconnect (noisy under load; on for `npm start`). */
  logConnections?: boolean;
  limits?: Partial<GatewayLimits>;
  maxInstancesPerFunction?: number;
  /** Stands in for the Python runtimes' bundled boto3 (the python-old-boto3 pitfall's old one). */
  pythonSdkDir?: string;
  /** A Lambda instance idle this long is reclaimed (default 10 minutes, as AWS does after a while). */
  idleInstanceMs?: number;
  /** Where the local CA and server certificate live; `<repo>/.local/tls` by default. */
  tlsDir?: string;
};

const REPO = resolve(import.meta.dirname, '..');
/** The trace page's policy where it is served alone: everything from itself, nothing else. */
const TRACE_ONLY_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export async function startEmulator(stack: Stack, options: StartOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  // URLs name the address people type: 0.0.0.0 is where we listen, not where anyone connects.
  const shown = publicHost(host);
  const forPeople = (url: string) => url.replace(`//${host}:`, `//${shown}:`);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };

  // Tables and seed are written while the gateway, the Lambda host and the web client start: none
  // of them touches DynamoDB before the first connection, and nothing is READY before both finish.
  let tablesReady: Promise<Error | undefined> = Promise.resolve(undefined);
  let webReady: Promise<void> | undefined;
  // Runtimes AWS would refuse stop the start before any engine or port is taken.
  for (const line of runtimeNotes(stack.functions)) log(line);
  try {
    // One --persist directory, one emulator: taken before anything opens its files.
    if (options.persistDir) {
      mkdirSync(resolve(options.persistDir), { recursive: true });
      const lock = lockPersistDir(options.persistDir);
      stops.push(async () => lock.release());
    }
    const auth: AuthMode = options.auth ?? (isLoopbackBind(host) ? 'open' : 'strict');
    const iam = new Iam({ accountId: stack.accountId, region: stack.region, auth });
    // The emulator's own calls (tables, seed) and the banner's key: known, so strict mode serves them.
    const admin = loadOrCreateAdminKey(adminKeyFile(options.persistDir, resolve(REPO, '.local')));
    iam.addAdminKey(admin.accessKeyId, admin.secretAccessKey);
    const hosts = hostAllowList({ bind: host, regions: [stack.region], extra: options.allowHosts ?? [] });
    const roles = [stack.role, ...stack.functions.flatMap((fn) => (fn.role ? [fn.role] : []))];
    for (const role of roles) await iam.registerRole(role);
    iam.onDenied((denial) => log(denial.line));
    const trace = new TraceRecorder({
      stack: stack.name,
      dir: options.traceDir ? resolve(options.traceDir) : undefined,
      explain: (principal, action, resource) => iam.explain(principal, action, resource),
    });
    stops.push(() => trace.close());

    // Decided here, not by startEngine: which engine says which snapshot there is to restore.
    const kind = engineKind(options.engine, log);
    const snapshot = await seededSnapshot(stack, kind);
    // Rejections are the seed's to report, when it runs; a snapshot to restore needs no seed.
    if (!snapshot?.exists) stack.prepareSeed?.().catch(() => {});
    const engine = await startEngine({
      kind,
      host,
      // The engine listens on a port of its own; the READY port belongs to the IAM-enforcing proxy.
      port: 0,
      persistDir: options.persistDir,
      snapshot: snapshot?.key,
      log,
    });
    stops.push(() => engine.stop());
    log(`DynamoDB engine: ${engine.description}`);

    const proxy: DynamoProxy = await startDynamoProxy({
      host,
      port: engine.kind === 'external' ? 0 : (options.dynamodbPort ?? 0),
      target: engine.endpoint,
      auth: iam,
      region: stack.region,
      accountId: stack.accountId,
      // Other regions' DynamoDB names too: the proxy answers for them as an empty region would.
      hosts: hostAllowList({
        bind: host,
        regions: [stack.region],
        extra: options.allowHosts ?? [],
        anyRegion: ['dynamodb'],
      }),
      onCall: (call) => trace.call(call),
    });
    stops.push(() => proxy.stop());

    tablesReady = prepareTables(stack, engine, admin, log).then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );

    const logs = new LogStore(options.logsDir ? { dir: resolve(options.logsDir) } : {});
    stops.push(() => logs.close());
    const roleOf = new Map(stack.functions.map((fn) => [fn.name, (fn.role ?? stack.role).name]));
    // A plain (req, res) handler, so another listener can serve it too (logs.<region>.amazonaws.com).
    const logsApi = createLogsHandler({
      store: logs,
      auth: iam,
      region: stack.region,
      accountId: stack.accountId,
    });
    // Without a web server (lessons, pitfall demos) the trace page lives beside the Logs API.
    const withoutWeb = options.webPort === undefined || options.webPort === null;
    const tracePages = withoutWeb ? traceRoutes(trace) : undefined;
    const logsServer = await startLogsServer({
      pages: tracePages && ((req, res) => tracePages(req, res, TRACE_ONLY_CSP)),
      host,
      port: options.logsPort ?? 0,
      handler: logsApi,
      hosts,
    });
    stops.push(() => logsServer.stop());
    const sink = createLogSink({
      store: logs,
      iam,
      principalOf: (fn) => {
        const role = roleOf.get(fn);
        return role ? iam.rolePrincipal(role, fn) : undefined;
      },
    });

    // The gateway and the host need each other: the host's functions post to the gateway's
    // management URL, the gateway invokes the host. The gateway starts first and calls through.
    let lambda: LambdaHost | undefined;
    const gateway = await startGateway({
      stack,
      host,
      port: options.wsPort ?? 0,
      invoke: (name, event, invokeOptions) => {
        if (!lambda) throw new Error('the Lambda host is not started yet');
        return lambda.invoke(name, event, invokeOptions);
      },
      auth: iam,
      hosts,
      limits: options.limits,
      onEvent: (event) => {
        trace.gateway(event);
        const line = describeGatewayEvent(event, options.logConnections ?? false);
        if (line) log(line);
      },
      onCall: (call) => trace.call(call),
    });
    stops.push(() => gateway.stop());
    gateway.controlPlane.onChange((change) => {
      if (change.kind === 'deployed')
        log(
          `deployed   stage ${change.stageName} now serves deployment ${change.deploymentId}${change.autoDeployed ? ' (AutoDeploy)' : ''}`,
        );
      else log(`draft      ${change.what}`);
    });
    const managementUrl = forPeople(gateway.managementUrl);

    // Inside instances the AWS hostnames reach these services over HTTPS (emulator/endpoints/),
    // so functions need no endpoint setting: SDK defaults and the event's domainName just work.
    const endpoints = await startEndpoints({
      tlsDir: options.tlsDir ?? resolve(REPO, '.local', 'tls'),
      regions: [stack.region],
      extraNames: [gateway.domainName],
      // Served in this process, by the services' own handlers: no second loopback hop per call.
      routes: {
        [gateway.domainName]: gateway.handleHttp,
        [serviceHostname('dynamodb', stack.region)]: proxy.handle,
        [serviceHostname('logs', stack.region)]: logsServer.handle,
        // The ApiGatewayV2 REST API: what the console (or the CLI) adds routes and deploys with.
        [serviceHostname('apigateway', stack.region)]: gateway.handleControlPlane,
      },
      // A client configured for another region reaches the same proxy, which answers as that
      // empty region would (dynamodb/regions.ts), after SigV4 and IAM on that region's ARNs.
      fallback: (hostname) =>
        hostname.startsWith('dynamodb.') && regionOf(hostname) ? proxy.handle : undefined,
    });
    stops.push(() => endpoints.stop());

    const buildDir = resolve(REPO, '.local', 'build', `${stack.name}-${randomBytes(4).toString('hex')}`);
    const lambdaHost = new LambdaHost({
      functions: stack.functions,
      region: stack.region,
      accountId: stack.accountId,
      sharedEnv: {
        ...endpoints.instanceEnv,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      nodeArgs: endpoints.nodeArgs,
      credentialsFor: (fn) => iam.issueCredentials((fn.role ?? stack.role).name, fn.name),
      onLog: (line) => trace.log(line, sink(line)),
      onInvocation: (notice) => trace.invocation(notice),
      buildDir,
      maxInstancesPerFunction: options.maxInstancesPerFunction,
      watch: options.watch ?? false,
      pythonSdkDir: options.pythonSdkDir,
      idleInstanceMs: options.idleInstanceMs,
      onNotice: log,
    });
    lambda = lambdaHost;
    stops.push(async () => {
      await lambdaHost.stop();
      await rm(buildDir, { recursive: true, force: true });
    });
    const urls: EmulatorUrls = {
      ws: forPeople(gateway.wsUrl),
      management: managementUrl,
      dynamodb: forPeople(proxy.url),
      logs: forPeople(logsServer.url),
      apigateway: forPeople(gateway.controlPlaneUrl),
      ...(withoutWeb ? { trace: `${forPeople(logsServer.url)}/trace` } : {}),
    };
    if (urls.trace) trace.setPage(urls.trace);
    // The web client's bundle builds while the Lambda host bundles the functions.
    const webPort = options.webPort;
    const web =
      webPort === undefined || webPort === null
        ? undefined
        : startWebServer({ host, port: webPort, wsUrl: urls.ws, hosts, routes: traceRoutes(trace) }).then(
            (server) => {
              stops.push(() => server.stop());
              return server;
            },
          );
    webReady = web?.then(
      () => undefined,
      () => undefined,
    );
    await lambdaHost.start();
    if (web) {
      urls.web = forPeople((await web).url);
      urls.trace = `${urls.web}/trace`;
      trace.setPage(urls.trace);
    }

    const tablesError = await tablesReady;
    if (tablesError) throw tablesError;

    return {
      stack,
      urls,
      auth,
      admin,
      engine,
      engineEndpoint: engine.endpoint,
      iam,
      logs,
      trace,
      lambda: lambdaHost,
      gateway,
      endpoints,
      stop,
    };
  } catch (error) {
    await tablesReady;
    await webReady;
    await stop();
    throw error;
  }
}

async function prepareTables(
  stack: Stack,
  engine: Engine,
  credentials: { accessKeyId: string; secretAccessKey: string },
  log: (line: string) => void,
): Promise<void> {
  if (engine.restored) {
    log(
      `tables ready: ${stack.tables.map((t) => t.TableName).join(', ')}, seeded, as the first start left them`,
    );
    return;
  }
  const { endpoint } = engine;
  const { ddb, close } = adminClient(endpoint, stack.region, { credentials });
  try {
    const tables = await ensureTables(ddb, stack.tables, log);
    if (tables.length > 0) log(`tables ready: ${tables.map((t) => `${t.name} (${t.status})`).join(', ')}`);
    if (stack.seed) await stack.seed(endpoint, stack.region);
  } finally {
    close();
  }
  await engine.saveSnapshot?.();
}

/**
 * The snapshot a seeded stack's tables can start from (dynamodb/snapshot.ts): keyed by the table
 * definitions and what the seeder writes. A stack without a seed, or whose seeder cannot be
 * fingerprinted, creates its tables at every start.
 */
async function seededSnapshot(
  stack: Stack,
  kind: EngineKind,
): Promise<{ key: string; exists: boolean } | undefined> {
  if (kind === 'external') return undefined;
  const fingerprint = stack.seed ? await stack.seedFingerprint?.() : undefined;
  if (!fingerprint) return undefined;
  const key = snapshotKey([JSON.stringify(stack.tables), fingerprint]);
  return { key, exists: snapshotExists(key, kind) };
}

/** One console line per thing a learner wants to see; connects only when asked (load tests). */
function describeGatewayEvent(event: GatewayEvent, connections: boolean): string | undefined {
  switch (event.type) {
    case 'connect':
      return connections ? `connect    ${event.connectionId} from ${event.sourceIp}` : undefined;
    case 'disconnect':
      return connections
        ? `disconnect ${event.connectionId} (${event.statusCode} ${event.reason})`
        : undefined;
    case 'refused':
      return `refused    a connection: HTTP ${event.status} (${event.reason})`;
    case 'error':
      return `error      ${event.routeKey} for ${event.connectionId}: ${event.errorType}: ${event.errorMessage} (the client got "Internal server error")`;
    case 'unrouted':
      return `unrouted   a message from ${event.connectionId}: no route matched and there is no $default`;
    case 'denied':
      // IAM's own listener already printed this denial, with the role and the statement.
      return undefined;
    case 'throttled':
      return `throttled  ${event.what}${event.connectionId ? ` for ${event.connectionId}` : ''} (429, over the quota)`;
  }
}
