/**
 * A stack is what the emulator runs: one WebSocket API, its functions, their role, and the
 * tables they use. The serverless.yml loader and every lesson produce one; the emulator core
 * knows nothing else about where it came from.
 */
import { createHash } from 'node:crypto';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** An IAM policy document as AWS accepts it (validated on load by emulator/iam). */
export interface PolicyDocument {
  Version: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: PolicyStatement[] | PolicyStatement;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** The execution role a function runs as. Its name appears in denials, as on AWS. */
export interface RoleSpec {
  name: string;
  policy: PolicyDocument;
}

export interface FunctionSpec {
  /** Function name, as in `/aws/lambda/<name>`. */
  name: string;
  /** Absolute path of the module that exports the handler (.ts, .mts, .mjs, .cjs; .js follows package.json "type", as on AWS; .py on a python runtime). */
  entry: string;
  /** The folder a deploy ships for this function, LAMBDA_TASK_ROOT for JavaScript run in place
   * (serverless.yml: the service folder; SAM: CodeUri). Default: the entry's folder. Packages
   * resolve from node_modules inside it, then from the runtime's (SDK v3), never from above it. */
  codeRoot?: string;
  /** Exported name of the handler; `handler` when omitted. */
  handler?: string;
  /** Timeout in seconds: 3 when omitted, as on AWS (the workshop sets 30). */
  timeoutSeconds?: number;
  memoryMB?: number;
  environment?: Record<string, string>;
  /** Overrides the stack's role for this function. */
  role?: RoleSpec;
  /** AWS's runtime identifier (`nodejs24.x`, `python3.12`); `nodejs24.x` when omitted, as osls
   * defaults. The host runs the function on that language version (emulator/lambda/runtimes). */
  runtime?: string;
  /** Layers, in order: absolute folders each laid out as AWS unzips a layer into /opt
   * (`nodejs/node_modules`, `python`). */
  layers?: string[];
}

export interface RouteSpec {
  /** Name of the function integrated with this route. */
  function: string;
  /** When true the handler's return body is sent back to the caller (a route response exists). */
  routeResponse?: boolean;
}

/**
 * A Lambda REQUEST authorizer on `$connect`, the only route a WebSocket API can authorize
 * (apigateway-websocket-api-lambda-auth.html).
 */
export interface AuthorizerSpec {
  name: string;
  /** Name of the function that decides. */
  function: string;
  /** `route.request.header.<Name>` and `route.request.querystring.<name>`; all must be present. */
  identitySource: string[];
  /** How long a decision is reused for the same identity values; 0 turns caching off. */
  resultTtlSeconds: number;
}

export interface Stack {
  /** Short name, used in banners and the log store. */
  name: string;
  stage: string;
  region: string;
  accountId: string;
  /** 10 lower-case letters/digits, as API Gateway makes them. */
  apiId: string;
  role: RoleSpec;
  tables: CreateTableCommandInput[];
  functions: FunctionSpec[];
  /** Keyed by route key: `$connect`, `$disconnect`, `$default`, or a custom one such as `join`. */
  routes: Record<string, RouteSpec>;
  /** For example `$request.body.action`. */
  routeSelectionExpression: string;
  /** The stage redeploys after every route change (`AWS::ApiGatewayV2::Stage` AutoDeploy);
   * otherwise a change is live only after CreateDeployment. */
  stageAutoDeploy?: boolean;
  /** Runs before `$connect` and decides whether it runs at all. */
  connectAuthorizer?: AuthorizerSpec;
  /** Runs once after the tables exist, with administrator access (word bank, first game row). */
  seed?: (endpoint: string, region: string) => Promise<void>;
  /** Loads what `seed` needs (modules, a dictionary) while the engine starts; `seed` works without it. */
  prepareSeed?: () => Promise<void>;
  /**
   * Names what `seed` writes (a hash of its code and the packages it reads), so the seeded tables
   * can be kept and restored (dynamodb/snapshot.ts); undefined when that cannot be known.
   */
  seedFingerprint?: () => Promise<string | undefined>;
}

export const DEFAULTS = {
  stage: 'dev',
  region: 'ap-northeast-2',
  accountId: '123456789012',
  apiId: 'chosung001',
  routeSelectionExpression: '$request.body.action',
} as const;

/**
 * The API id a stack gets when it declares none: 10 lower-case letters and digits, as API Gateway
 * makes them, derived from the name so that restarts (and the policies written for them) agree.
 */
export function derivedApiId(name: string): string {
  const digest = createHash('sha256').update(name).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(digest.subarray(0, 10), (byte) => alphabet[byte % alphabet.length]).join('');
}
