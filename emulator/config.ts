/**
 * Options shared by every command that starts the emulator: flags first, then environment
 * variables, then the defaults README.md documents.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EngineKind } from './dynamodb/engine.ts';
import { isLoopbackBind } from './http/host-allow.ts';
import type { AuthMode } from './iam/iam.ts';

export interface EmulatorOptions {
  host: string;
  /** 0 picks a free port. */
  wsPort: number;
  dynamodbPort: number;
  /** `null` serves no web client. */
  webPort: number | null;
  engine?: EngineKind | undefined;
  persistDir?: string | undefined;
  /** Replaces the app role's policy. */
  policyFile?: string | undefined;
  logsDir: string;
  /** `--stack FILE`: a serverless.yml or a SAM/CloudFormation template; our app when omitted. */
  stackFile?: string | undefined;
  /** `--parameter-overrides Key=Value …` for a template's Parameters. */
  parameterOverrides: string[];
  /** `--stage` / `--region`: override what the stack says. */
  stage?: string | undefined;
  region?: string | undefined;
  /** The CloudWatch Logs API's port (READY `logs`); 0 picks a free one. */
  logsPort: number;
  /** Where the trace is appended for `npm run trace`. */
  traceDir: string;
  accountId: string;
  /** Reload function code for new instances when a source file changes. */
  watch: boolean;
  /** `open` lets access keys no role owns act as administrator; `strict` refuses them, as AWS. */
  auth: AuthMode;
  /** More Host names the listeners answer (`--allow-host`, repeatable). */
  allowHosts: string[];
  /** `--idle-instance-ms N`: a Lambda instance idle this long is reclaimed (the host's default when omitted). */
  idleInstanceMs?: number;
}

export const USAGE = `Options:
  --stack FILE         run another app: its serverless.yml, or a SAM/CloudFormation template (template.yaml/.json)
  --parameter-overrides Key=Value …   values for the template's Parameters (SAM/CloudFormation only)
  --stage NAME         override the stack's stage (serverless provider.stage, the template's StageName)
  --region NAME        override the stack's region (default: the stack's, else ap-northeast-2)
  --host HOST          address to bind (default 127.0.0.1; 0.0.0.0 exposes the emulator to your network)
  --ws-port N          WebSocket + @connections port (WS_PORT, default 3001; 0 = any free port)
  --dynamodb-port N    DynamoDB port (DYNAMODB_PORT, default 8000)
  --web-port N         web client port (WEB_PORT, default 3000)
  --engine KIND        local | dynalite | external (DYNAMODB_ENGINE; default: local when Java 17+ is found)
  --persist DIR        keep DynamoDB data in DIR across restarts (default: in memory)
  --policy FILE        run the function with this IAM policy as its role's
  --logs-dir DIR       where log groups are kept (default .local/logs in this repository)
  --logs-port N        CloudWatch Logs API port (LOGS_PORT, default 0 = any free port; READY "logs")
  --trace-dir DIR      where the live trace is kept for npm run trace (TRACE_DIR, default .local/trace)
  --no-watch           do not reload function code when files change
  --auth MODE          open | strict (AUTH_MODE; default: open on 127.0.0.1, strict when --host is not loopback).
                       open: unknown access keys act as administrator (dummy keys work for wscat, the AWS CLI,
                       dynamodb-admin); strict: they are refused as AWS refuses them, use the printed admin key
  --allow-host NAME    also answer requests whose Host is NAME (repeatable; for a LAN name or a tunnel)
  --idle-instance-ms N reclaim a Lambda instance idle for N ms (default 600000, 10 minutes;
                       short values let a benchmark see memory given back)`;

export class UsageError extends Error {}

function port(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`${name} must be a port number from 0 to 65535, not "${value}"`);
  return n;
}

/** `--parameter-overrides A=1 B=2` takes every word up to the next option, as `sam deploy` does. */
function splitOverrides(argv: string[]): { rest: string[]; overrides: string[] } {
  const rest: string[] = [];
  const overrides: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--parameter-overrides' || arg.startsWith('--parameter-overrides=')) {
      if (arg.includes('=') && arg.indexOf('=') === '--parameter-overrides'.length) {
        overrides.push(...arg.slice('--parameter-overrides='.length).split(/\s+/).filter(Boolean));
      }
      while (i + 1 < argv.length && !(argv[i + 1] as string).startsWith('--'))
        overrides.push(...(argv[++i] as string).split(/\s+/).filter(Boolean));
      if (overrides.length === 0) throw new UsageError('--parameter-overrides needs Key=Value pairs');
      continue;
    }
    rest.push(arg);
  }
  return { rest, overrides };
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): EmulatorOptions {
  let values: ReturnType<typeof parse>['values'];
  const { rest, overrides } = splitOverrides(argv);
  try {
    values = parse(rest).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const engine = values.engine ?? env.DYNAMODB_ENGINE;
  if (engine !== undefined && !['local', 'dynalite', 'external'].includes(engine)) {
    throw new UsageError(`--engine must be local, dynalite or external, not "${engine}"`);
  }
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  const auth = values.auth ?? env.AUTH_MODE;
  if (auth !== undefined && auth !== 'open' && auth !== 'strict') {
    throw new UsageError(`--auth must be open or strict, not "${auth}"`);
  }
  return {
    host,
    wsPort: port(values['ws-port'] ?? env.WS_PORT, 'WS_PORT', 3001),
    dynamodbPort: port(values['dynamodb-port'] ?? env.DYNAMODB_PORT, 'DYNAMODB_PORT', 8000),
    webPort: port(values['web-port'] ?? env.WEB_PORT, 'WEB_PORT', 3000),
    engine: engine as EngineKind | undefined,
    persistDir: values.persist ?? env.PERSIST_DIR,
    policyFile: values.policy,
    // The repository's, whichever folder the emulator starts from, so `npm run logs` finds them.
    logsDir: values['logs-dir'] ?? env.LOGS_DIR ?? resolve(import.meta.dirname, '..', '.local', 'logs'),
    stackFile: values.stack,
    parameterOverrides: overrides,
    stage: values.stage,
    region: values.region,
    logsPort: port(values['logs-port'] ?? env.LOGS_PORT, 'LOGS_PORT', 0),
    traceDir: values['trace-dir'] ?? env.TRACE_DIR ?? resolve(import.meta.dirname, '..', '.local', 'trace'),
    accountId: env.AWS_ACCOUNT_ID ?? '123456789012',
    watch: !values['no-watch'],
    auth: auth ?? (isLoopbackBind(host) ? 'open' : 'strict'),
    allowHosts: values['allow-host'] ?? [],
    ...(values['idle-instance-ms'] !== undefined
      ? { idleInstanceMs: positiveMs(values['idle-instance-ms'], '--idle-instance-ms') }
      : {}),
  };
}

function positiveMs(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${name} must be a whole number of milliseconds above 0, not "${value}"`);
  return n;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      'ws-port': { type: 'string' },
      'dynamodb-port': { type: 'string' },
      'web-port': { type: 'string' },
      engine: { type: 'string' },
      persist: { type: 'string' },
      policy: { type: 'string' },
      'logs-dir': { type: 'string' },
      'logs-port': { type: 'string' },
      'trace-dir': { type: 'string' },
      'no-watch': { type: 'boolean' },
      stack: { type: 'string' },
      stage: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      auth: { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'idle-instance-ms': { type: 'string' },
    },
  });
}

/** The address people type: 0.0.0.0 is where we listen, not where anyone connects. */
export function publicHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}
