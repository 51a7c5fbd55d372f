/**
 * The few types the emulator's services exchange. Each service owns its implementation;
 * these keep them from importing one another, so each can be tested on its own.
 */

/** Temporary credentials as STS would hand a Lambda execution role. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/**
 * Who signed a request. Administrators are the emulator's own key pair and, with `--auth open`,
 * any access key no role owns (dynamodb-admin, scripts, the AWS CLI with dummy keys).
 */
export type Principal =
  | { kind: 'role'; roleName: string; sessionName: string; arn: string; accessKeyId: string }
  | { kind: 'admin'; accessKeyId: string };

export interface Decision {
  allowed: boolean;
  /** `explicit-deny`, `allow` or `implicit-deny`, as AWS's evaluation logic names them. */
  reason: 'explicit-deny' | 'allow' | 'implicit-deny';
  /** The sentence AWS puts in an AccessDenied body ("User: … is not authorized to perform: …"). */
  message: string;
}

/** An HTTP request as a service received it, enough to check its SigV4 signature. */
export interface SignedRequest {
  method: string;
  /** Path plus query string, as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type Identification =
  | { ok: true; principal: Principal }
  | { ok: false; status: number; errorType: string; message: string };

/** A request before its body is read. */
export type RequestHead = Omit<SignedRequest, 'body'>;

/** What a service needs from IAM: who is calling, and may they do this. */
export interface Authorizer {
  /**
   * What the headers alone decide (no signature, unknown key in strict mode, expired date), so a
   * service can refuse before reading a body. Optional: without it, `identify` decides alone.
   */
  screen?(request: RequestHead, service: string): Identification;
  /** The whole verdict, signature over the body included. */
  identify(request: SignedRequest, service: string): Identification;
  authorize(principal: Principal, action: string, resourceArn: string): Decision;
}

/** The result of one Lambda invocation, as the caller (the gateway) sees it. */
export type InvokeOutcome =
  | { requestId: string; ok: true; payload: unknown }
  | { requestId: string; ok: false; errorType: string; errorMessage: string; trace?: string[] };

/** How the caller wants an invocation queued when every instance is busy. */
export interface InvokeOptions {
  /** Invocations with the same key (the gateway's connection id) share one turn in the queue. */
  queueKey?: string | undefined;
  /** Aborted while the invocation still waits for an instance: it is dropped and never runs. */
  signal?: AbortSignal | undefined;
}

export type Invoke = (
  functionName: string,
  event: unknown,
  options?: InvokeOptions,
) => Promise<InvokeOutcome>;

/** One line a function instance wrote, on its way to `/aws/lambda/<function>`. */
export interface LogLine {
  functionName: string;
  logGroup: string;
  logStream: string;
  timestamp: number;
  message: string;
}

/**
 * An invocation starting or ending on a Lambda instance, for observers such as the trace.
 * `accessKeyId` is the instance's own credentials' key: what its AWS calls are signed with.
 */
export type InvocationNotice = {
  requestId: string;
  functionName: string;
  /** The instance's log stream, which names it. */
  instance: string;
  accessKeyId: string;
  at: number;
} & (
  | { phase: 'start'; event: unknown; cold: boolean }
  | {
      phase: 'end';
      outcome: InvokeOutcome;
      durationMs: number;
      billedDurationMs: number;
      memoryMB: number;
      maxMemoryUsedMB: number;
      initDurationMs?: number;
    }
);

/** One IAM check a service made for a call, as the trace shows it. */
export interface CallCheck {
  action: string;
  resource: string;
  allowed: boolean;
  message: string;
}

/**
 * One AWS call a service answered (DynamoDB, @connections), for observers such as the trace.
 * Told when the answer has been sent.
 */
export interface ServiceCall {
  service: 'dynamodb' | 'execute-api' | 'apigateway';
  /** The API action: `PutItem`, `PostToConnection`, … */
  action: string;
  /** What it acted on: the table, or the connection id. */
  target?: string;
  /** Who signed it; absent when the signature was refused. */
  principal?: Principal;
  /** The X-Amzn-Trace-Id header, which SDKs copy from the invocation's _X_AMZN_TRACE_ID. */
  traceHeader?: string;
  /** The service's request id (x-amzn-RequestId). */
  requestId?: string;
  checks: CallCheck[];
  startedAt: number;
  latencyMs: number;
  status: number;
  errorType?: string;
  /** The request body, cut to a few KB. */
  body?: string;
}
