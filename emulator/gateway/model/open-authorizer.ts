/**
 * The authorizer used when the gateway runs without IAM (unit tests, `startGateway` alone):
 * every signer is an administrator. The signature itself is not checked here; real checking
 * is emulator/iam's job, handed in as `auth`.
 */
import type { Authorizer, Decision, Principal, SignedRequest } from '../../contracts.ts';

export const openAuthorizer: Authorizer = {
  identify(request: SignedRequest) {
    const authorization = request.headers.authorization;
    const header = Array.isArray(authorization) ? authorization[0] : authorization;
    const accessKeyId = /Credential=([^/,\s]+)/.exec(header ?? '')?.[1] ?? 'anonymous';
    return { ok: true, principal: { kind: 'admin', accessKeyId } };
  },
  authorize(_principal: Principal, action: string, resourceArn: string): Decision {
    return {
      allowed: true,
      reason: 'allow',
      message: `${action} on ${resourceArn} allowed (no IAM attached)`,
    };
  },
};
