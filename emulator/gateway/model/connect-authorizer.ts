/**
 * `$connect` Lambda REQUEST authorizers, the decisions apart from the wire. Behaviour from
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 * and apigateway-lambda-authorizer-output.html:
 * - every identity source must be present and non-empty, else 401 without invoking the function;
 * - the function returns `{ principalId, policyDocument, context }`; the policy must allow
 *   `execute-api:Invoke` on the `methodArn` (`…/<stage>/$connect`), else 403;
 * - throwing `Unauthorized` is a 401; any other failure is a 403;
 * - `context` (string, number and boolean values) and `principalId` reach
 *   `requestContext.authorizer` of `$connect` and of every later event of the connection;
 * - a decision is reused for the same identity values for the TTL.
 * Pure: no I/O.
 */
import { evaluate } from '../../iam/evaluate.ts';
import type { AuthorizerSpec, PolicyDocument } from '../../stack.ts';

export type AuthorizerVerdict =
  | { allow: true; authorizer: Record<string, string | number | boolean> }
  | { allow: false; status: 401 | 403 | 500; message: string; reason: string };

/** The values of the identity sources, or undefined when one is missing or empty. */
export function identityValues(
  spec: Pick<AuthorizerSpec, 'identitySource'>,
  headers: Record<string, string>,
  query: Record<string, string>,
): string[] | undefined {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const values: string[] = [];
  for (const source of spec.identitySource) {
    const header = /^route\.request\.header\.(.+)$/.exec(source);
    const queryName = /^route\.request\.querystring\.(.+)$/.exec(source);
    // Header names are case-insensitive; query string names are not.
    const value = header
      ? lower[(header[1] as string).toLowerCase()]
      : queryName
        ? query[queryName[1] as string]
        : undefined;
    if (value === undefined || value === '') return undefined;
    values.push(value);
  }
  return values;
}

export const UNAUTHORIZED: AuthorizerVerdict = {
  allow: false,
  status: 401,
  message: 'Unauthorized',
  reason: 'an identity source is missing, or the authorizer threw "Unauthorized"',
};

function forbidden(reason: string): AuthorizerVerdict {
  return { allow: false, status: 403, message: 'Forbidden', reason };
}

/** What the authorizer function's result means for the handshake. */
export function verdictFromResult(
  outcome: { ok: true; payload: unknown } | { ok: false; errorType: string; errorMessage: string },
  methodArn: string,
  latencyMs: number,
): AuthorizerVerdict {
  if (!outcome.ok) {
    if (outcome.errorMessage === 'Unauthorized') return UNAUTHORIZED;
    return forbidden(`the authorizer failed: ${outcome.errorType}: ${outcome.errorMessage}`);
  }
  const result = outcome.payload as {
    principalId?: unknown;
    policyDocument?: unknown;
    context?: unknown;
  } | null;
  if (
    !result ||
    typeof result !== 'object' ||
    !result.policyDocument ||
    typeof result.policyDocument !== 'object'
  ) {
    return {
      allow: false,
      status: 500,
      message: 'Internal server error',
      reason: 'the authorizer returned no policyDocument (expected { principalId, policyDocument, context })',
    };
  }
  const decision = evaluate([result.policyDocument as PolicyDocument], 'execute-api:Invoke', methodArn);
  if (decision.reason !== 'allow') {
    return forbidden(
      `the authorizer's policy does not allow execute-api:Invoke on ${methodArn} (${decision.reason})`,
    );
  }
  const authorizer: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries((result.context ?? {}) as Record<string, unknown>)) {
    // API Gateway passes only scalar context values on.
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      authorizer[key] = value;
  }
  if (result.principalId !== undefined) authorizer.principalId = String(result.principalId);
  authorizer.integrationLatency = latencyMs;
  return { allow: true, authorizer };
}

/** Decisions per identity, for the authorizer's TTL. */
export class AuthorizerCache {
  private readonly entries = new Map<string, { verdict: AuthorizerVerdict; until: number }>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(identity: readonly string[]): AuthorizerVerdict | undefined {
    if (this.ttlSeconds <= 0) return undefined;
    const key = JSON.stringify(identity);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.verdict;
  }

  /** Callers store only what the function decided (a policy), never its failures. */
  set(identity: readonly string[], verdict: AuthorizerVerdict): void {
    if (this.ttlSeconds <= 0) return;
    this.entries.set(JSON.stringify(identity), { verdict, until: this.now() + this.ttlSeconds * 1000 });
  }
}
