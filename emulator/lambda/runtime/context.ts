/** The context object the Node.js runtime passes to a handler (nodejs-context.html). */
import type { Context } from 'aws-lambda';

export interface ContextInput {
  requestId: string;
  invokedFunctionArn: string;
  deadlineMs: number;
  env: NodeJS.ProcessEnv;
  /** The legacy context.done/succeed/fail: complete at once, never waiting for the event loop. */
  done: (error: unknown, result?: unknown) => void;
}

export function createContext(input: ContextInput): Context {
  const { env } = input;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: input.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: input.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    getRemainingTimeInMillis: () => Math.max(0, input.deadlineMs - Date.now()),
    done: (error?: Error, result?: unknown) => input.done(error ?? null, result),
    succeed: (result: unknown) => input.done(null, result),
    fail: (error: Error | string) => input.done(error),
  } as Context;
}
