/**
 * `$connect` Lambda REQUEST authorizers, with real ws clients against the gateway; the functions
 * are in-test handlers playing the Lambda host. Behaviour from
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-lambda-auth.html
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthorizerSpec } from '../../../emulator/stack.ts';
import { Client, callsTo, refusedHandshake, start, stopAll, type WsEvent } from './harness.ts';

afterEach(stopAll);

const spec = (over: Partial<AuthorizerSpec> = {}): AuthorizerSpec => ({
  name: 'auth',
  function: 'auth',
  identitySource: ['route.request.header.Auth', 'route.request.querystring.token'],
  resultTtlSeconds: 0,
  ...over,
});

type AuthEvent = WsEvent & { type: string; methodArn: string; stageVariables: Record<string, string> };

/** Allows `good` tokens with a context, denies the rest: the documented output shape. */
function authorizer(event: WsEvent) {
  const e = event as AuthEvent;
  const token = e.queryStringParameters?.token;
  if (token === 'throw') throw new Error('Unauthorized');
  if (token === 'crash') throw new TypeError('cannot read properties of undefined');
  return {
    principalId: `user-${token}`,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [
        { Action: 'execute-api:Invoke', Effect: token === 'good' ? 'Allow' : 'Deny', Resource: e.methodArn },
      ],
    },
    context: { tier: 'gold', level: 3, admin: false, dropped: { nested: true } },
  };
}

async function gatewayWith(over: Partial<AuthorizerSpec> = {}) {
  return start({
    routes: { $connect: { function: 'connect' }, $default: { function: 'default' } },
    handlers: { auth: authorizer, connect: () => ({ statusCode: 200 }), default: () => undefined },
    connectAuthorizer: spec(over),
  });
}

describe('$connect authorizer', () => {
  it('refuses a handshake without every identity source with 401, without invoking anything', async () => {
    const { gateway, calls } = await gatewayWith();
    const noHeader = await refusedHandshake(`${gateway.wsUrl}?token=good`);
    const noQuery = await refusedHandshake(gateway.wsUrl, { Auth: 'x' });
    const empty = await refusedHandshake(`${gateway.wsUrl}?token=`, { Auth: 'x' });
    for (const refused of [noHeader, noQuery, empty]) {
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toEqual({ message: 'Unauthorized' });
    }
    expect(calls).toEqual([]);
  });

  it('sends the documented REQUEST event, and lets an Allow through to $connect with the context', async () => {
    const { gateway, calls } = await gatewayWith();
    const client = await Client.open(`${gateway.wsUrl}?token=good`, { auth: 'secret' });
    const [event] = callsTo(calls, 'auth') as AuthEvent[];
    expect(event).toMatchObject({
      type: 'REQUEST',
      methodArn: 'arn:aws:execute-api:ap-northeast-2:123456789012:chosung001/dev/$connect',
      queryStringParameters: { token: 'good' },
      stageVariables: {},
      requestContext: { routeKey: '$connect', eventType: 'CONNECT', apiId: 'chosung001', stage: 'dev' },
    });
    // Header names are case-insensitive for identity sources; the event keeps the client's case.
    expect(event?.headers?.auth).toBe('secret');
    const [connect] = callsTo(calls, 'connect');
    expect(connect?.requestContext).toMatchObject({
      authorizer: { principalId: 'user-good', tier: 'gold', level: 3, admin: false },
    });
    expect(connect?.requestContext).not.toHaveProperty('authorizer.dropped');
    client.ws.send('hello');
    await expect.poll(() => callsTo(calls, 'default').length).toBe(1);
    expect(callsTo(calls, 'default')[0]?.requestContext).toMatchObject({
      authorizer: { principalId: 'user-good' },
    });
    client.ws.close();
  });

  it('answers a Deny or a failing authorizer with 403 and "Unauthorized" thrown with 401; $connect never runs', async () => {
    const { gateway, calls } = await gatewayWith();
    const denied = await refusedHandshake(`${gateway.wsUrl}?token=bad`, { Auth: 'x' });
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.body)).toEqual({ message: 'Forbidden' });
    expect((await refusedHandshake(`${gateway.wsUrl}?token=crash`, { Auth: 'x' })).status).toBe(403);
    const thrown = await refusedHandshake(`${gateway.wsUrl}?token=throw`, { Auth: 'x' });
    expect(thrown.status).toBe(401);
    expect(JSON.parse(thrown.body)).toEqual({ message: 'Unauthorized' });
    expect(callsTo(calls, 'auth')).toHaveLength(3);
    expect(callsTo(calls, 'connect')).toEqual([]);
  });

  it('reuses a decision for the same identity within the TTL, and asks again for another identity', async () => {
    const { gateway, calls } = await gatewayWith({ resultTtlSeconds: 300 });
    const first = await Client.open(`${gateway.wsUrl}?token=good`, { Auth: 'a' });
    const second = await Client.open(`${gateway.wsUrl}?token=good`, { Auth: 'a' });
    expect(callsTo(calls, 'auth')).toHaveLength(1);
    expect(callsTo(calls, 'connect')[1]?.requestContext).toMatchObject({
      authorizer: { principalId: 'user-good' },
    });
    expect((await refusedHandshake(`${gateway.wsUrl}?token=bad`, { Auth: 'a' })).status).toBe(403);
    expect((await refusedHandshake(`${gateway.wsUrl}?token=bad`, { Auth: 'a' })).status).toBe(403);
    expect(callsTo(calls, 'auth')).toHaveLength(2);
    first.ws.close();
    second.ws.close();
  });

  it('asks every time when the TTL is 0', async () => {
    const { gateway, calls } = await gatewayWith({ resultTtlSeconds: 0 });
    for (let i = 0; i < 2; i++) (await Client.open(`${gateway.wsUrl}?token=good`, { Auth: 'a' })).ws.close();
    expect(callsTo(calls, 'auth')).toHaveLength(2);
  });
});
