/**
 * A stack is what the emulator runs: one WebSocket API, its functions, their role, and the
 * tables they use. The serverless.yml loader and every lesson produce one; the emulator core
 * knows nothing else about where it came from.
 */
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
  /** Absolute path of the module that exports the handler (.ts, .mts, .mjs, .cjs; .js follows package.json "type", as on AWS). */
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
}

export interface RouteSpec {
  /** Name of the function integrated with this route. */
  function: string;
  /** When true the handler's return body is sent back to the caller (a route response exists). */
  routeResponse?: boolean;
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
  /** Runs once after the tables exist, with administrator access (word bank, first game row). */
  seed?: (endpoint: string, region: string) => Promise<void>;
  /** Loads what `seed` needs (modules, a dictionary) while the engine starts; `seed` works without it. */
  prepareSeed?: () => Promise<void>;
}

export const DEFAULTS = {
  stage: 'dev',
  region: 'ap-northeast-2',
  accountId: '123456789012',
  apiId: 'chosung001',
  routeSelectionExpression: '$request.body.action',
} as const;
