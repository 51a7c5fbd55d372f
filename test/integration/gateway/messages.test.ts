/**
 * Messages: route selection, $default, route responses, failed integrations, binary frames and
 * the size limits. AWS pages cited:
 * [routes]   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-routes-integrations.html
 * [select]   https://docs.aws.amazon.com/apigateway/latest/developerguide/websocket-api-develop-routes.html
 * [response] https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html
 * [quotas]   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 * [forbidden] no $default route: AWS answers {"message": "Forbidden", connectionId, requestId}, as
 *            reported in https://github.com/aws-samples/simple-websockets-chat-app/issues/24
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Client, callsTo, start, stopAll } from './harness.ts';

afterEach(stopAll);

const echo = (event: { body?: string }) => ({ statusCode: 200, body: `echo:${event.body ?? ''}` });

describe('gateway messages', () => {
  it('[select] $request.body.action picks the route; unknown actions and non-JSON go to $default', async () => {
    const { gateway, calls } = await start({
      routes: {
        join: { function: 'join' },
        $default: { function: 'default' },
      },
      handlers: { join: () => ({}), default: () => ({}) },
    });
    const client = await Client.open(gateway.wsUrl);
    client.send('{"action":"join","username":"민수","room":"quiz"}');
    client.send('{"action":"nope"}');
    client.send('start!');
    client.send('{"action":{"nested":true}}');
    await expect.poll(() => calls.length, { timeout: 5_000, message: 'four invocations' }).toBe(4);
    expect(callsTo(calls, 'join').map((e) => e.requestContext.routeKey)).toEqual(['join']);
    expect(callsTo(calls, 'default').map((e) => e.body)).toEqual([
      '{"action":"nope"}',
      'start!',
      '{"action":{"nested":true}}',
    ]);
    expect(callsTo(calls, 'default').every((e) => e.requestContext.routeKey === '$default')).toBe(true);
  });

  it('[select] any JSON path expression selects: $request.body.type and a nested {request.body.meta.kind} template', async () => {
    const byType = await start({
      routes: { chat: { function: 'chat' }, $default: { function: 'default' } },
      handlers: { chat: () => ({}), default: () => ({}) },
      routeSelectionExpression: '$request.body.type',
    });
    const a = await Client.open(byType.gateway.wsUrl);
    a.send('{"type":"chat"}');
    a.send('{"action":"chat"}');
    await expect.poll(() => byType.calls.length, { timeout: 5_000, message: 'two invocations' }).toBe(2);
    expect(byType.calls.map((c) => c.functionName)).toEqual(['chat', 'default']);

    const nested = await start({
      routes: { answer: { function: 'answer' } },
      handlers: { answer: () => ({}) },
      routeSelectionExpression: '${request.body.meta.kind}',
    });
    const b = await Client.open(nested.gateway.wsUrl);
    b.send('{"meta":{"kind":"answer"}}');
    await expect.poll(() => nested.calls.length, { timeout: 5_000, message: 'one invocation' }).toBe(1);
    expect(nested.calls[0]?.event.requestContext.routeKey).toBe('answer');
  });

  it('the 2019 Android protocol (raw "start!", then {"username","content"}) reaches $default in order', async () => {
    const { gateway, calls } = await start({
      routes: { $default: { function: 'app' } },
      handlers: { app: () => ({ statusCode: 200 }) },
    });
    const client = await Client.open(gateway.wsUrl, { 'User-Agent': 'okhttp/3.12.0' });
    client.send('start!');
    client.send('{"username":"철수","content":"ㄱㄴ"}');
    await expect.poll(() => calls.length, { timeout: 5_000, message: 'two invocations' }).toBe(2);
    expect(calls.map((c) => c.event.body)).toEqual(['start!', '{"username":"철수","content":"ㄱㄴ"}']);
  });

  it('[forbidden] with no matching route and no $default, the client gets {"message":"Forbidden",…}', async () => {
    const { gateway, calls, events } = await start({
      routes: { join: { function: 'join' } },
      handlers: { join: () => ({}) },
    });
    const client = await Client.open(gateway.wsUrl);
    client.send('{"action":"chat"}');
    const reply = await client.json(0);
    expect(reply).toEqual({
      message: 'Forbidden',
      connectionId: gateway.connections()[0]?.connectionId,
      requestId: expect.stringMatching(/^[A-Za-z0-9]{15}=$/),
    });
    expect(calls).toEqual([]);
    expect(events.some((e) => e.type === 'unrouted')).toBe(true);
  });

  it('[response] the return value is sent back only when the route has a route response', async () => {
    const { gateway } = await start({
      routes: {
        ask: { function: 'echo', routeResponse: true },
        $default: { function: 'echo' },
      },
      handlers: { echo },
    });
    const client = await Client.open(gateway.wsUrl);
    client.send('{"action":"silent-one-way"}');
    client.send('{"action":"ask"}');
    // Messages arrive in order, so had the one-way route answered, its echo would come first.
    expect(await client.message(0)).toBe('echo:{"action":"ask"}');
    client.send('{"action":"ask","n":2}');
    expect(await client.message(1)).toBe('echo:{"action":"ask","n":2}');
  });

  it('[mapping] the MESSAGE event: routeKey, messageId, body, isBase64Encoded, same connectedAt', async () => {
    const { gateway, calls } = await start({
      routes: { $connect: { function: 'connect' }, $default: { function: 'default' } },
      handlers: { connect: () => ({ statusCode: 200 }), default: () => ({}) },
    });
    const client = await Client.open(gateway.wsUrl);
    client.send('{"username":"a","content":"b"}');
    await expect
      .poll(() => callsTo(calls, 'default').length, { timeout: 5_000, message: '$default call' })
      .toBeGreaterThan(0);
    const [event] = callsTo(calls, 'default');
    const [connect] = callsTo(calls, 'connect');
    expect(event?.requestContext).toMatchObject({
      routeKey: '$default',
      eventType: 'MESSAGE',
      messageDirection: 'IN',
      connectionId: connect?.requestContext.connectionId,
      connectedAt: connect?.requestContext.connectedAt,
      messageId: expect.stringMatching(/^[A-Za-z0-9]{15}=$/),
    });
    expect(event?.requestContext.requestId).not.toBe(connect?.requestContext.requestId);
    expect(event?.body).toBe('{"username":"a","content":"b"}');
    expect(event?.isBase64Encoded).toBe(false);
    expect(event?.headers).toBeUndefined();
  });

  it('a failed integration sends {"message":"Internal server error","connectionId","requestId"}', async () => {
    const { gateway, calls, events } = await start({
      routes: { $default: { function: 'broken' } },
      handlers: {
        broken: () => {
          throw new Error('DynamoDB said no');
        },
      },
    });
    const client = await Client.open(gateway.wsUrl);
    client.send('hello');
    const reply = await client.json(0);
    const [event] = callsTo(calls, 'broken');
    expect(reply).toEqual({
      message: 'Internal server error',
      connectionId: event?.requestContext.connectionId,
      requestId: event?.requestContext.requestId,
    });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'error', routeKey: '$default', errorMessage: 'DynamoDB said no' }),
    );
    // The connection survives a failed integration.
    expect(client.ws.readyState).toBe(client.ws.OPEN);
  });

  it('an invoke that rejects (host failure) also answers Internal server error', async () => {
    const { gateway } = await start({ routes: { $default: { function: 'missing' } }, handlers: {} });
    const client = await Client.open(gateway.wsUrl);
    client.send('hello');
    expect((await client.json(0)).message).toBe('Internal server error');
  });

  it('[quotas] an integration slower than the timeout answers "Endpoint request timed out"', async () => {
    const { gateway } = await start({
      routes: { $default: { function: 'slow' } },
      handlers: { slow: () => new Promise(() => undefined) },
      limits: { integrationTimeoutMs: 50 },
    });
    const client = await Client.open(gateway.wsUrl);
    client.send('hello');
    expect((await client.json(0)).message).toBe('Endpoint request timed out');
  });

  it('[routes] a binary frame closes the connection with 1003', async () => {
    const { gateway, calls } = await start({
      routes: { $default: { function: 'default' } },
      handlers: { default: () => ({}) },
    });
    const client = await Client.open(gateway.wsUrl);
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await client.closed).code).toBe(1003);
    expect(calls).toEqual([]);
  });

  it('[quotas] a frame over 32 KB closes the connection with 1009', async () => {
    const { gateway, calls } = await start({
      routes: { $default: { function: 'default' } },
      handlers: { default: () => ({}) },
    });
    const client = await Client.open(gateway.wsUrl);
    client.send('x'.repeat(32 * 1024 + 1));
    expect((await client.closed).code).toBe(1009);
    expect(calls).toEqual([]);
  });

  it('[quotas] a 96 KB message in 32 KB frames is delivered whole; over 128 KB in frames closes with 1009', async () => {
    const { gateway, calls } = await start({
      routes: { $default: { function: 'default' } },
      handlers: { default: () => ({}) },
    });
    const client = await Client.open(gateway.wsUrl);
    const frame = 'y'.repeat(32 * 1024);
    client.ws.send(frame, { fin: false });
    client.ws.send(frame, { fin: false });
    client.ws.send(frame, { fin: true });
    await expect.poll(() => calls.length, { timeout: 5_000, message: 'the reassembled message' }).toBe(1);
    expect(calls[0]?.event.body).toHaveLength(96 * 1024);

    for (let i = 0; i < 4; i++) client.ws.send(frame, { fin: false });
    client.ws.send('z', { fin: true });
    expect((await client.closed).code).toBe(1009);
    expect(calls).toHaveLength(1);
  });
});
