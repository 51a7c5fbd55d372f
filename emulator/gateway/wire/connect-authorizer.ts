/**
 * Runs the `$connect` authorizer for one handshake: the REQUEST event as API Gateway sends it to
 * a WebSocket authorizer (apigateway-websocket-api-lambda-auth.html: `type`, `methodArn`, the
 * headers and query string of the handshake, `stageVariables`, and the CONNECT requestContext),
 * then the decision (model/connect-authorizer.ts).
 */
import type { Invoke } from '../../contracts.ts';
import type { AuthorizerSpec } from '../../stack.ts';
import {
  AuthorizerCache,
  type AuthorizerVerdict,
  identityValues,
  UNAUTHORIZED,
  verdictFromResult,
} from '../model/connect-authorizer.ts';
import type { ConnectionRecord } from '../model/connections.ts';
import { type ApiIdentity, buildConnectEvent, type HandshakeRequest } from './events.ts';

export interface ConnectAuthorizer {
  authorize(
    record: ConnectionRecord<unknown>,
    request: HandshakeRequest,
    ids: { requestId: string; now: number },
  ): Promise<AuthorizerVerdict>;
}

export function createConnectAuthorizer(
  spec: AuthorizerSpec,
  api: ApiIdentity & { region: string; accountId: string },
  invoke: Invoke,
  timeoutMs: number,
): ConnectAuthorizer {
  const cache = new AuthorizerCache(spec.resultTtlSeconds);
  const methodArn = `arn:aws:execute-api:${api.region}:${api.accountId}:${api.apiId}/${api.stage}/$connect`;
  return {
    async authorize(record, request, ids) {
      const connect = buildConnectEvent(api, record, request, { ...ids, extendedRequestId: ids.requestId });
      const identity = identityValues(spec, connect.headers, connect.queryStringParameters ?? {});
      if (!identity) return UNAUTHORIZED;
      const cached = cache.get(identity);
      if (cached) return cached;
      const event = {
        type: 'REQUEST',
        methodArn,
        headers: connect.headers,
        multiValueHeaders: connect.multiValueHeaders,
        ...(connect.queryStringParameters
          ? {
              queryStringParameters: connect.queryStringParameters,
              multiValueQueryStringParameters: connect.multiValueQueryStringParameters,
            }
          : {}),
        stageVariables: {},
        requestContext: connect.requestContext,
      };
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      });
      try {
        const outcome = await Promise.race([invoke(spec.function, event), timedOut]);
        if (!outcome)
          return {
            allow: false,
            status: 500,
            message: 'Internal server error',
            reason: 'the authorizer timed out',
          };
        const verdict = verdictFromResult(outcome, methodArn, Date.now() - started);
        if (outcome.ok) cache.set(identity, verdict);
        return verdict;
      } catch (error) {
        return {
          allow: false,
          status: 500,
          message: 'Internal server error',
          reason: `the authorizer could not run: ${(error as Error).message}`,
        };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
