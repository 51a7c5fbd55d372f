/**
 * The emulator's IAM: roles and their policies, the temporary credentials each function runs
 * with, who signed a request, and whether that principal may do something. Services ask it
 * synchronously on every call, so decisions are cached per role, action and resource.
 */
import type {
  Authorizer,
  Credentials,
  Decision,
  Identification,
  Principal,
  RequestHead,
  SignedRequest,
} from '../contracts.ts';
import type { PolicyDocument, PolicyStatement, RoleSpec } from '../stack.ts';
import { newSessionCredentials } from './credentials.ts';
import { type Evaluation, evaluate, type Reason, statementsOf } from './evaluate.ts';
import { accessDeniedMessage, denialLine, MISSING_TOKEN, SIGNATURE_MISMATCH } from './messages.ts';
import { checkPolicy } from './policy-check.ts';
import {
  checkSignedHeaders,
  headerValue,
  type ParsedAuthorization,
  parseAuthorization,
  signatureMatches,
} from './sigv4.ts';

export interface Denial {
  principalArn: string;
  roleName: string;
  sessionName: string;
  action: string;
  resource: string;
  reason: Exclude<Reason, 'allow'>;
  /** Sid of the denying statement, for explicit denies. */
  sid?: string;
  /** AWS's sentence, as in an AccessDenied body. */
  message: string;
  /** One line for the emulator's console. */
  line: string;
}

export type DenialListener = (denial: Denial) => void;

/** See Iam.explain. */
export interface Explanation {
  reason: Reason;
  role: string;
  statementIndex?: number;
  sid?: string;
  statement?: PolicyStatement;
}

interface Session {
  roleName: string;
  sessionName: string;
  credentials: Credentials;
  principal: Extract<Principal, { kind: 'role' }>;
}

/** `open`: keys no role owns act as administrator (as LocalStack); `strict`: they are refused, as on AWS. */
export type AuthMode = 'open' | 'strict';

export interface IamOptions {
  accountId: string;
  region: string;
  /** Default `open`. */
  auth?: AuthMode | undefined;
  /** The clock signatures are checked against (tests move it). */
  now?: () => number;
}

/** DynamoDB (awsJson) answers auth failures with 400; API Gateway with 403. */
function failure(
  service: string,
  errorType: string,
  message: string,
): Extract<Identification, { ok: false }> {
  return { ok: false, status: service === 'dynamodb' ? 400 : 403, errorType, message };
}

const CACHE_LIMIT = 20_000;

export class Iam implements Authorizer {
  readonly accountId: string;
  readonly region: string;
  readonly mode: AuthMode;
  private readonly now: () => number;
  private readonly adminKeys = new Map<string, string>();
  private readonly roles = new Map<string, PolicyDocument>();
  private readonly sessions = new Map<string, Session>();
  private readonly decisions = new Map<string, Evaluation>();
  private readonly listeners = new Set<DenialListener>();

  constructor(options: IamOptions) {
    this.accountId = options.accountId;
    this.region = options.region;
    this.mode = options.auth ?? 'open';
    this.now = options.now ?? Date.now;
  }

  /** Checks the role's policy (PolicyError on a bad one) and makes it the role's, replacing any before. */
  async registerRole(role: RoleSpec, source = `the policy of role ${role.name}`): Promise<void> {
    const policy = await checkPolicy(role.policy, source);
    this.roles.set(role.name, policy);
    this.decisions.clear();
  }

  hasRole(roleName: string): boolean {
    return this.roles.has(roleName);
  }

  /** Credentials for a session of the role, as Lambda gets them (session name = function name). */
  issueCredentials(roleName: string, sessionName: string): Credentials {
    if (!this.roles.has(roleName)) {
      throw new Error(`IAM role "${roleName}" is not registered; call registerRole() with its policy first`);
    }
    const credentials = newSessionCredentials();
    const principal = this.rolePrincipal(roleName, sessionName, credentials.accessKeyId);
    this.sessions.set(credentials.accessKeyId, { roleName, sessionName, credentials, principal });
    return credentials;
  }

  rolePrincipal(
    roleName: string,
    sessionName: string,
    accessKeyId = '',
  ): Extract<Principal, { kind: 'role' }> {
    return {
      kind: 'role',
      roleName,
      sessionName,
      arn: `arn:aws:sts::${this.accountId}:assumed-role/${roleName}/${sessionName}`,
      accessKeyId,
    };
  }

  /** Makes a key pair an administrator whose signatures are checked (the emulator's own, the banner's). */
  addAdminKey(accessKeyId: string, secretAccessKey: string): void {
    this.adminKeys.set(accessKeyId, secretAccessKey);
  }

  screen(request: RequestHead, service: string): Identification {
    const checked = this.screenKey(request, service);
    if (!checked.ok) return checked;
    return { ok: true, principal: checked.principal };
  }

  identify(request: SignedRequest, service: string): Identification {
    const checked = this.screenKey(request, service);
    if (!checked.ok || checked.secret === undefined) return checked;
    if (!signatureMatches(request, checked.auth, checked.secret)) {
      return failure(service, 'InvalidSignatureException', SIGNATURE_MISMATCH);
    }
    return { ok: true, principal: checked.principal };
  }

  /**
   * Everything but the signature itself. `secret` is the key's secret when the emulator knows it
   * (then the signature must be checked); unknown keys in open mode have none.
   */
  private screenKey(
    request: RequestHead,
    service: string,
  ):
    | { ok: true; principal: Principal; auth: ParsedAuthorization; secret?: string }
    | Extract<Identification, { ok: false }> {
    const fail = (errorType: string, message: string) => failure(service, errorType, message);
    const header = headerValue(request.headers, 'authorization');
    const auth = parseAuthorization(header);
    if (auth === undefined) {
      return fail(
        'MissingAuthenticationTokenException',
        service === 'dynamodb' ? MISSING_TOKEN : 'Missing Authentication Token',
      );
    }
    if (auth === null) {
      return fail(
        'IncompleteSignatureException',
        'The Authorization header is not a valid AWS Signature Version 4 header (AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…). Sign requests with an AWS SDK.',
      );
    }
    const session = this.sessions.get(auth.accessKeyId);
    const adminSecret = this.adminKeys.get(auth.accessKeyId);
    if (!session && adminSecret === undefined) {
      if (this.mode === 'strict') {
        return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
      }
      // Open mode: keys no role owns belong to people and tools (dynamodb-admin, scripts, tests).
      return { ok: true, principal: { kind: 'admin', accessKeyId: auth.accessKeyId }, auth };
    }
    const problem = checkSignedHeaders(request.headers, auth, header as string, this.now());
    if (problem) return fail(problem.errorType, problem.message);
    if (
      session &&
      headerValue(request.headers, 'x-amz-security-token') !== session.credentials.sessionToken
    ) {
      return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    if (auth.service !== service) {
      return fail(
        'InvalidSignatureException',
        `Credential should be scoped to correct service: '${service}'. `,
      );
    }
    if (session) {
      return { ok: true, principal: session.principal, auth, secret: session.credentials.secretAccessKey };
    }
    return {
      ok: true,
      principal: { kind: 'admin', accessKeyId: auth.accessKeyId },
      auth,
      secret: adminSecret as string,
    };
  }

  /** The decision, without telling anyone. */
  check(principal: Principal, action: string, resourceArn: string): Decision & { sid?: string } {
    if (principal.kind === 'admin') {
      return {
        allowed: true,
        reason: 'allow',
        message: `${action} on ${resourceArn} allowed (administrator)`,
      };
    }
    const evaluation = this.evaluation(principal.roleName, action, resourceArn);
    const sid = evaluation.statement?.sid;
    if (evaluation.reason === 'allow') {
      return {
        allowed: true,
        reason: 'allow',
        message: `${action} on ${resourceArn} allowed${sid ? ` by "${sid}"` : ''}`,
        ...(sid ? { sid } : {}),
      };
    }
    return {
      allowed: false,
      reason: evaluation.reason,
      message: accessDeniedMessage(principal.arn, action, resourceArn, evaluation.reason),
      ...(sid ? { sid } : {}),
    };
  }

  /** The decision; a denial is also told to every listener (the console prints one line). */
  authorize(principal: Principal, action: string, resourceArn: string): Decision {
    const decision = this.check(principal, action, resourceArn);
    if (!decision.allowed && principal.kind === 'role') {
      this.emitDenial(principal, action, resourceArn, decision.reason as Denial['reason'], decision.sid);
    }
    const { sid: _sid, ...plain } = decision;
    return plain;
  }

  emitDenial(
    principal: Extract<Principal, { kind: 'role' }>,
    action: string,
    resource: string,
    reason: Denial['reason'],
    sid?: string,
    note?: string,
  ): void {
    const line = denialLine({
      action,
      resource,
      roleName: principal.roleName,
      reason,
      ...(sid ? { sid } : {}),
    });
    const denial: Denial = {
      principalArn: principal.arn,
      roleName: principal.roleName,
      sessionName: principal.sessionName,
      action,
      resource,
      reason,
      ...(sid ? { sid } : {}),
      message: accessDeniedMessage(principal.arn, action, resource, reason),
      line: note ? `${line}: ${note}` : line,
    };
    for (const listener of this.listeners) listener(denial);
  }

  /**
   * Why a decision went the way it did, for the trace: the statement that allowed or explicitly
   * denied it (its index in the role's policy, Sid and text), or none for an implicit deny.
   */
  explain(principal: Principal, action: string, resourceArn: string): Explanation {
    if (principal.kind === 'admin')
      return { reason: 'allow', role: 'administrator (an access key no role owns)' };
    const evaluation = this.evaluation(principal.roleName, action, resourceArn);
    const policy = this.roles.get(principal.roleName);
    const index = evaluation.statement?.index;
    const statement = policy && index !== undefined ? statementsOf(policy)[index] : undefined;
    return {
      reason: evaluation.reason,
      role: principal.roleName,
      ...(index === undefined ? {} : { statementIndex: index }),
      ...(evaluation.statement?.sid ? { sid: evaluation.statement.sid } : {}),
      ...(statement ? { statement } : {}),
    };
  }

  onDenied(listener: DenialListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private evaluation(roleName: string, action: string, resource: string): Evaluation {
    const key = `${roleName}\n${action}\n${resource}`;
    let e = this.decisions.get(key);
    if (!e) {
      const policy = this.roles.get(roleName);
      e = policy ? evaluate([policy], action, resource) : { reason: 'implicit-deny' };
      if (this.decisions.size >= CACHE_LIMIT) this.decisions.clear();
      this.decisions.set(key, e);
    }
    return e;
  }
}
