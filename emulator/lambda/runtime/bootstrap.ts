/**
 * Entry point of one function instance (a child process of the Lambda host), playing the part
 * of Lambda's Node.js runtime: init (load the module, find the handler), then for each event
 * run the handler, report the result, and freeze.
 *
 * Freeze: after reporting, the instance SIGSTOPs itself, so timers and un-awaited calls the
 * handler left behind do not run until the host SIGCONTs it for the next event — the
 * execution-environment lifecycle of lambda-runtime-environment.html.
 *
 * Reads _HANDLER (`index.<export>`) and LAMBDA_TASK_ROOT from the environment, as the runtime does.
 */
import { types } from 'node:util';
import { MAX_RESPONSE_BYTES, responseTooLargeMessage } from '../limits.ts';
import type { InvokeMessage, RuntimeError } from '../protocol.ts';
import { handlerContractError } from '../runtimes/handler-contract.ts';
import { traceHeaderFor } from '../trace-header.ts';
import { patchConsole } from './console-patch.ts';
import { createContext } from './context.ts';
import { isModuleNotFound, runtimeError, toRuntimeError } from './errors.ts';
import { fenceResolution } from './fence.ts';
import { freeze } from './heap-trim.ts';
import { loadFunctionModule } from './load-handler.ts';
import { writeReport } from './report-pipe.ts';

type Handler = (
  event: unknown,
  context: unknown,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;
type Outcome = { ok: true; payload: unknown } | { ok: false; error: RuntimeError };

let currentRequestId: string | undefined;
/** Completes the running invocation; undefined between invocations. */
let complete: ((outcome: Outcome) => void) | undefined;
/** What to do when the event loop empties during an invocation (see runHandler). */
let onLoopEmpty: (() => void) | undefined;

blockingOutput();
const { taskRoot } = fenceResolution(new URL('./fence-hooks.mjs', import.meta.url));
patchConsole(() => currentRequestId);

const queued: InvokeMessage[] = [];
let ready = false;
process.on('message', (message: InvokeMessage) => {
  if (message?.type !== 'invoke') return;
  if (ready) startInvocation(message);
  else queued.push(message);
});
// The host is gone (its IPC channel closed): nobody will ever send another event.
process.on('disconnect', () => process.exit(0));
process.on('beforeExit', () => onLoopEmpty?.());
process.on('uncaughtException', (error) => die('Uncaught Exception', toRuntimeError(error), 129));
process.on('unhandledRejection', (reason) => {
  const error = toRuntimeError(reason);
  const wrapped: RuntimeError = {
    errorType: 'Runtime.UnhandledPromiseRejection',
    errorMessage: `${error.errorType}: ${error.errorMessage}`,
    trace: error.trace,
  };
  die('Unhandled Promise Rejection', wrapped, 128);
});

const { handler, initError } = await init();
ready = true;
for (const message of queued.splice(0)) startInvocation(message);

/**
 * Raw stdout/stderr writes block until the host has read them, as a write to a full pipe does
 * in C: otherwise Node queues what the pipe cannot take, the instance freezes with it queued,
 * and a function's last raw lines arrive only when it next runs (or never). Blocking is also the
 * backpressure that keeps a function printing without end from filling the host's memory.
 */
function blockingOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    (stream as unknown as { _handle?: { setBlocking?: (on: boolean) => void } })._handle?.setBlocking?.(true);
  }
}

async function init(): Promise<{ handler?: Handler; initError?: RuntimeError }> {
  const started = performance.now();
  const spec = process.env._HANDLER ?? 'index.handler';
  const dot = spec.lastIndexOf('.');
  const moduleName = spec.slice(0, dot);
  const exportName = spec.slice(dot + 1);
  let result: { handler?: Handler; initError?: RuntimeError };
  try {
    const mod = await loadFunctionModule(taskRoot, moduleName);
    const candidate = mod[exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[exportName];
    if (candidate === undefined) {
      result = { initError: handlerNotFound(`${spec} is undefined or not exported`) };
    } else if (typeof candidate !== 'function') {
      result = { initError: handlerNotFound(`${spec} is not a function`) };
    } else {
      // Runtime-specific signature rules (nodejs24.x refuses callback handlers): emulator/lambda/runtimes.
      const refused = handlerContractError(candidate as Handler, process.env.AWS_EXECUTION_ENV);
      result = refused ? { initError: refused } : { handler: candidate as Handler };
    }
  } catch (error) {
    result = {
      initError: isModuleNotFound(error)
        ? runtimeError('Runtime.ImportModuleError', error)
        : types.isNativeError(error) && error.name === 'SyntaxError'
          ? runtimeError('Runtime.UserCodeSyntaxError', error)
          : toRuntimeError(error),
    };
  }
  if (result.initError) logError('Uncaught Exception', result.initError);
  writeReport({
    type: 'init',
    durationMs: performance.now() - started,
    ...(result.initError ? { error: result.initError } : {}),
  });
  return result;
}

function handlerNotFound(message: string): RuntimeError {
  return {
    errorType: 'Runtime.HandlerNotFound',
    errorMessage: message,
    trace: [`Runtime.HandlerNotFound: ${message}`],
  };
}

function startInvocation(message: InvokeMessage): void {
  currentRequestId = message.requestId;
  // As Lambda's runtime does for every invocation; SDKs send it on as X-Amzn-Trace-Id.
  process.env._X_AMZN_TRACE_ID = traceHeaderFor(message.requestId);
  writeReport({ type: 'ack', requestId: message.requestId, timestamp: Date.now() });
  // While a handler runs, the IPC channel must not count as pending work, so that 'beforeExit'
  // tells us when the event loop is empty (callbackWaitsForEmptyEventLoop).
  process.channel?.unref();
  let settled = false;
  complete = (outcome) => {
    if (settled) return;
    settled = true;
    finish(message.requestId, outcome);
  };
  if (initError || !handler) {
    complete({ ok: false, error: initError ?? handlerNotFound('handler missing') });
    return;
  }
  runHandler(handler, message);
}

/**
 * The runtime's completion rules (nodejs-handler.html): a returned promise completes at once
 * when it settles; the callback completes when the event loop is empty, unless the handler set
 * context.callbackWaitsForEmptyEventLoop = false; if the loop empties first, the result is null.
 */
function runHandler(run: Handler, message: InvokeMessage): void {
  const succeed = (payload: unknown) => complete?.({ ok: true, payload: payload ?? null });
  const fail = (error: unknown) => complete?.({ ok: false, error: toRuntimeError(error) });
  const settle = (error: unknown, result?: unknown) => (error != null ? fail(error) : succeed(result));
  onLoopEmpty = () => succeed(null);
  const context = createContext({
    requestId: message.requestId,
    invokedFunctionArn: message.invokedFunctionArn,
    deadlineMs: Date.now() + message.timeoutMs,
    env: process.env,
    done: settle,
  });
  const callback = (error?: unknown, result?: unknown) => {
    if (context.callbackWaitsForEmptyEventLoop) onLoopEmpty = () => settle(error, result);
    else settle(error, result);
  };
  try {
    const returned = run(message.event, context, callback);
    if (isPromiseLike(returned)) returned.then(succeed, fail);
  } catch (error) {
    callback(error);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function finish(requestId: string, outcome: Outcome): void {
  complete = undefined;
  onLoopEmpty = undefined;
  if (!outcome.ok) logError('Invoke Error', outcome.error);
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  try {
    writeReport({ type: 'result', requestId, ...withinResponseLimit(outcome), maxRssBytes });
  } catch (error) {
    // A payload JSON cannot represent (a cycle, a BigInt) fails the invocation, not the instance.
    writeReport({ type: 'result', requestId, ok: false, error: toRuntimeError(error), maxRssBytes });
  }
  process.channel?.ref();
  freeze();
  // Thawed by the host: the next event is on its way down the IPC channel.
}

/**
 * Lambda refuses a synchronous response over 6 MB (as JSON) with Function.ResponseSizeTooLarge;
 * the handler ran, so the instance lives on. Measured here, so 40 MB never crosses the pipe.
 */
function withinResponseLimit(outcome: Outcome): Outcome {
  if (!outcome.ok) return outcome;
  const json = JSON.stringify(outcome.payload) ?? 'null';
  // A UTF-8 byte count is at most three per UTF-16 unit: skip the count for small payloads.
  if (json.length * 3 <= MAX_RESPONSE_BYTES || Buffer.byteLength(json) <= MAX_RESPONSE_BYTES) return outcome;
  return {
    ok: false,
    error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: responseTooLargeMessage(), trace: [] },
  };
}

/** An uncaught error fails the running invocation and ends the instance, as the runtime does. */
function die(label: string, error: RuntimeError, exitCode: number): never {
  logError(label, error);
  if (currentRequestId !== undefined && complete) {
    const maxRssBytes = process.resourceUsage().maxRSS * 1024;
    writeReport({ type: 'result', requestId: currentRequestId, ok: false, error, maxRssBytes });
  }
  process.exit(exitCode);
}

function logError(label: string, error: RuntimeError): void {
  const { trace, ...rest } = error;
  console.error(`${label} \t${JSON.stringify({ ...rest, stack: trace })}`);
}
