/**
 * The handshake: `$connect` gates the upgrade, the event it gets, and the connect quota.
 * AWS pages cited:
 * [connect]  https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
 * [mapping]  https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html
 * [quotas]   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 * [410]      https://repost.aws/knowledge-center/410-gone-api-gateway
 */
import { GetConnectionCommand, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, callsTo, refusedHandshake, start, stopAll } from './harness.ts';

afterEach(stopAll);

describe('gateway handshake', () => {
  it('[connect] holds the upgrade until $connect returns, then opens; URL is ws://host:port/<stage>', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { gateway, calls } = await start({
      routes: { $connect: { function: 'connect' } },
      handlers: {
        connect: async () => {
          await gate;
          return { statusCode: 200 };
        },
      },
    });
    expect(gateway.wsUrl).toBe(`ws://127.0.0.1:${gateway.port}/dev`);
    let opened = false;
    const client = Client.open(gateway.wsUrl).then((c) => {
      opened = true;
      return c;
    });
    await expect
      .poll(() => callsTo(calls, 'connect').length, { timeout: 5_000, message: '$connect call' })
      .toBe(1);
    expect(opened).toBe(false);
    expect(gateway.connections().map((c) => c.state)).toEqual(['connecting']);
    release();
    const c = await client;
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    expect(gateway.connections().map((x) => x.state)).toEqual(['open']);
  });

  it('[connect] a non-2xx statusCode from $connect refuses the handshake with that status', async () => {
    const { gateway, events } = await start({
      routes: { $connect: { function: 'connect' } },
      handlers: { connect: () => ({ statusCode: 401, body: 'who are you?' }) },
    });
    const refused = await refusedHandshake(gateway.wsUrl);
    expect(refused).toEqual({ status: 401, body: 'who are you?' });
    expect(gateway.connections()).toEqual([]);
    expect(events.some((e) => e.type === 'refused' && e.status === 401)).toBe(true);
  });

  it('[connect] a $connect function error refuses the handshake with 502 (Lambda proxy error)', async () => {
    const { gateway, events } = await start({
      routes: { $connect: { function: 'connect' } },
      handlers: {
        connect: () => {
          throw new TypeError('boom');
        },
      },
    });
    const refused = await refusedHandshake(gateway.wsUrl);
    expect(refused.status).toBe(502);
    expect(JSON.parse(refused.body)).toEqual({ message: 'Internal server error' });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'error', routeKey: '$connect', errorType: 'TypeError' }),
    );
  });

  it('[connect] an integration timeout refuses with 504 "Endpoint request timed out" ([quotas]: 29 s)', async () => {
    const { gateway } = await start({
      routes: { $connect: { function: 'connect' } },
      handlers: { connect: () => new Promise(() => undefined) },
      limits: { integrationTimeoutMs: 50 },
    });
    const refused = await refusedHandshake(gateway.wsUrl);
    expect(refused.status).toBe(504);
    expect(JSON.parse(refused.body)).toEqual({ message: 'Endpoint request timed out' });
  });

  it('[connect] $connect returning nothing, or no $connect route at all, accepts the connection', async () => {
    const withRoute = await start({
      routes: { $connect: { function: 'connect' } },
      handlers: { connect: () => undefined },
    });
    const a = await Client.open(withRoute.gateway.wsUrl);
    expect(a.ws.readyState).toBe(a.ws.OPEN);
    const withoutRoute = await start({ routes: {}, handlers: {} });
    const b = await Client.open(withoutRoute.gateway.wsUrl);
    expect(b.ws.readyState).toBe(b.ws.OPEN);
  });

  it('a path other than /<stage> is refused with 403 Forbidden', async () => {
    const { gateway, calls } = await start({
      routes: { $connect: { function: 'connect' } },
      handlers: { connect: () => ({}) },
    });
    const refused = await refusedHandshake(gateway.wsUrl.replace('/dev', '/prod'));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({ message: 'Forbidden' });
    expect(calls).toEqual([]);
  });

  it('[mapping] the CONNECT event carries requestContext, headers and query string as documented', async () => {
    const { gateway, calls } = await start({
      routes: { $connect: { function: 'connect' } },
      handlers: { connect: () => ({ statusCode: 200 }) },
    });
    await Client.open(`${gateway.wsUrl}?room=lobby&room=quiz`, { 'User-Agent': 'okhttp/3.12.0' });
    const [event] = callsTo(calls, 'connect');
    const ctx = event?.requestContext;
    expect(ctx).toMatchObject({
      routeKey: '$connect',
      eventType: 'CONNECT',
      messageDirection: 'IN',
      stage: 'dev',
      apiId: 'chosung001',
      // The API's AWS hostname, whatever address the client dialled: functions build their
      // @connections endpoint from it.
      domainName: 'chosung001.execute-api.ap-northeast-2.amazonaws.com',
      identity: { sourceIp: '127.0.0.1', userAgent: 'okhttp/3.12.0' },
    });
    expect(ctx?.connectionId).toMatch(/^[A-Za-z0-9]{15}=$/);
    expect(ctx?.requestId).toMatch(/^[A-Za-z0-9]{15}=$/);
    expect(ctx?.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(typeof ctx?.connectedAt).toBe('number');
    expect(ctx?.requestTimeEpoch).toBe(ctx?.connectedAt);
    expect(event?.headers?.['User-Agent']).toBe('okhttp/3.12.0');
    expect(event?.headers?.['X-Forwarded-For']).toBe('127.0.0.1');
    expect(event?.multiValueHeaders?.Host).toEqual([`127.0.0.1:${gateway.port}`]);
    expect(event?.queryStringParameters).toEqual({ room: 'quiz' });
    expect(event?.isBase64Encoded).toBe(false);
  });

  it('[410] a post to the connection during its own $connect is 410 GoneException, and it still opens', async () => {
    let postError: unknown;
    let getError: unknown;
    const started = await start({
      routes: { $connect: { function: 'connect' } },
      handlers: {
        connect: async (event) => {
          const ConnectionId = event.requestContext.connectionId;
          await started.sdk
            .send(new PostToConnectionCommand({ ConnectionId, Data: 'welcome!' }))
            .catch((e: unknown) => {
              postError = e;
            });
          await started.sdk.send(new GetConnectionCommand({ ConnectionId })).catch((e: unknown) => {
            getError = e;
          });
          return { statusCode: 200 };
        },
      },
    });
    const client = await Client.open(started.gateway.wsUrl);
    expect((postError as Error).name).toBe('GoneException');
    expect((postError as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(410);
    expect((getError as Error).name).toBe('GoneException');
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    expect(client.messages).toEqual([]);
  });

  it('[quotas] new connections over the per-second quota are refused with 429', async () => {
    const { gateway, calls, events } = await start({
      routes: { $connect: { function: 'connect' } },
      handlers: { connect: () => ({ statusCode: 200 }) },
      limits: { connectsPerSecond: 2 },
    });
    await Client.open(gateway.wsUrl);
    await Client.open(gateway.wsUrl);
    const refused = await refusedHandshake(gateway.wsUrl);
    expect(refused.status).toBe(429);
    expect(callsTo(calls, 'connect')).toHaveLength(2);
    expect(events).toContainEqual({ type: 'throttled', what: 'connect' });
  });
});
