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

/** Who signed a request. Unknown access keys act as an administrator (dynamodb-admin, scripts). */
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

/** What a service needs from IAM: who is calling, and may they do this. */
export interface Authorizer {
  identify(request: SignedRequest, service: string): Identification;
  authorize(principal: Principal, action: string, resourceArn: string): Decision;
}

/** The result of one Lambda invocation, as the caller (the gateway) sees it. */
export type InvokeOutcome =
  | { requestId: string; ok: true; payload: unknown }
  | { requestId: string; ok: false; errorType: string; errorMessage: string; trace?: string[] };

export type Invoke = (functionName: string, event: unknown) => Promise<InvokeOutcome>;

/** One line a function instance wrote, on its way to `/aws/lambda/<function>`. */
export interface LogLine {
  functionName: string;
  logGroup: string;
  logStream: string;
  timestamp: number;
  message: string;
}
