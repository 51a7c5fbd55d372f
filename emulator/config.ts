/**
 * Options shared by every command that starts the emulator: flags first, then environment
 * variables, then the defaults in DESIGN.md's interface contract.
 */
import { parseArgs } from 'node:util';
import type { EngineKind } from './dynamodb/engine.ts';

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
  /** The CloudWatch Logs API's port (READY `logs`); 0 picks a free one. */
  logsPort: number;
  /** Where the trace is appended for `npm run trace`. */
  traceDir: string;
  stage: string;
  region: string;
  accountId: string;
  /** Reload function code for new instances when a source file changes. */
  watch: boolean;
}

export const USAGE = `Options:
  --host HOST          address to bind (default 127.0.0.1; 0.0.0.0 exposes the emulator to your network)
  --ws-port N          WebSocket + @connections port (WS_PORT, default 3001; 0 = any free port)
  --dynamodb-port N    DynamoDB port (DYNAMODB_PORT, default 8000)
  --web-port N         web client port (WEB_PORT, default 3000)
  --engine KIND        local | dynalite | external (DYNAMODB_ENGINE; default: local when Java 17+ is found)
  --persist DIR        keep DynamoDB data in DIR across restarts (default: in memory)
  --policy FILE        run the function with this IAM policy as its role's
  --logs-dir DIR       where log groups are kept (default .local/logs)
  --logs-port N        CloudWatch Logs API port (LOGS_PORT, default 0 = any free port; READY "logs")
  --trace-dir DIR      where the live trace is kept for npm run trace (TRACE_DIR, default .local/trace)
  --no-watch           do not reload function code when files change`;

export class UsageError extends Error {}

function port(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`${name} must be a port number from 0 to 65535, not "${value}"`);
  return n;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): EmulatorOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const engine = values.engine ?? env.DYNAMODB_ENGINE;
  if (engine !== undefined && !['local', 'dynalite', 'external'].includes(engine)) {
    throw new UsageError(`--engine must be local, dynalite or external, not "${engine}"`);
  }
  return {
    host: values.host ?? env.HOST ?? '127.0.0.1',
    wsPort: port(values['ws-port'] ?? env.WS_PORT, 'WS_PORT', 3001),
    dynamodbPort: port(values['dynamodb-port'] ?? env.DYNAMODB_PORT, 'DYNAMODB_PORT', 8000),
    webPort: port(values['web-port'] ?? env.WEB_PORT, 'WEB_PORT', 3000),
    engine: engine as EngineKind | undefined,
    persistDir: values.persist ?? env.PERSIST_DIR,
    policyFile: values.policy,
    logsDir: values['logs-dir'] ?? env.LOGS_DIR ?? '.local/logs',
    logsPort: port(values['logs-port'] ?? env.LOGS_PORT, 'LOGS_PORT', 0),
    traceDir: values['trace-dir'] ?? env.TRACE_DIR ?? '.local/trace',
    stage: env.STAGE ?? 'dev',
    region: env.AWS_REGION ?? 'ap-northeast-2',
    accountId: env.AWS_ACCOUNT_ID ?? '123456789012',
    watch: !values['no-watch'],
  };
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
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The address people type: 0.0.0.0 is where we listen, not where anyone connects. */
export function publicHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}
