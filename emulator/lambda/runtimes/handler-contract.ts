/**
 * Handler signatures a Node.js runtime refuses. From nodejs24.x on, Lambda's runtime interface
 * client rejects callback-style handlers at init, judging by arity (three or more declared
 * parameters, async or not), with Runtime.CallbackHandlerDeprecated (nodejs-handler.html; the
 * client's errorOnDeprecatedCallback). nodejs22.x and older keep accepting them.
 */
import type { RuntimeError } from '../protocol.ts';

export const CALLBACK_HANDLER_MESSAGE =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

/** The init error for `handler` on the runtime `AWS_EXECUTION_ENV` names, if it refuses it. */
export function handlerContractError(
  handler: (...args: never[]) => unknown,
  executionEnv: string | undefined,
): RuntimeError | undefined {
  const major = Number(executionEnv?.match(/^AWS_Lambda_nodejs(\d+)/)?.[1]);
  if (!(major >= 24) || handler.length < 3) return undefined;
  const errorType = 'Runtime.CallbackHandlerDeprecated';
  return {
    errorType,
    errorMessage: CALLBACK_HANDLER_MESSAGE,
    trace: [`${errorType}: ${CALLBACK_HANDLER_MESSAGE}`],
  };
}
