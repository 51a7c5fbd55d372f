/**
 * The environment of one instance (configuration-envvars.html, "Defined runtime environment
 * variables"). Nothing is inherited from the host's own environment but PATH: a function on
 * AWS sees only what Lambda and its configuration give it.
 */
import path from 'node:path';
import type { Credentials } from '../contracts.ts';
import type { FunctionSpec } from '../stack.ts';
import { DEFAULT_RUNTIME } from './runtimes/lifecycle.ts';

export const DEFAULT_MEMORY_MB = 128;
export const DEFAULT_TIMEOUT_SECONDS = 3;

export interface EnvironmentInput {
  fn: FunctionSpec;
  region: string;
  credentials: Credentials;
  sharedEnv: Record<string, string>;
  logGroup: string;
  logStream: string;
  taskRoot: string;
  /** The module part of _HANDLER, relative to the task root (`index`, `src/app`). */
  handlerModule: string;
  /** The runtime-provided node_modules (SDK v3): see runtime-modules.ts. */
  runtimeModules: string;
  /** The layers' Node module folders, ahead of the runtime's (runtimes/layers.ts). */
  layerModulePaths?: string[] | undefined;
}

export function instanceEnvironment(input: EnvironmentInput): Record<string, string> {
  const { fn, credentials } = input;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    ...input.sharedEnv,
    ...fn.environment,
    // Reserved: Lambda sets these last, whatever the function's configuration says. The runtime's
    // own shared variables (`_WORKBENCH_AWS_REDIRECT`) are reserved the same way.
    ...runtimeOwn(input.sharedEnv),
    _HANDLER: `${input.handlerModule}.${fn.handler ?? 'handler'}`,
    LAMBDA_TASK_ROOT: input.taskRoot,
    // As on AWS (/opt/nodejs/…, /var/runtime/node_modules, /var/task): the layers' packages, the
    // runtime's, then the code's.
    NODE_PATH: [...(input.layerModulePaths ?? []), input.runtimeModules, input.taskRoot].join(path.delimiter),
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime ?? DEFAULT_RUNTIME}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: input.region,
    AWS_DEFAULT_REGION: input.region,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMB ?? DEFAULT_MEMORY_MB),
    AWS_LAMBDA_LOG_GROUP_NAME: input.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: input.logStream,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    TZ: ':UTC',
  };
}

/** Underscore-named variables are the runtime's own (as `_HANDLER` is): a function cannot unset them. */
function runtimeOwn(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('_')));
}
