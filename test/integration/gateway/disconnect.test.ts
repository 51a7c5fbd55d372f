/**
 * Ends of connections: `$disconnect` with its status and reason, idle and duration timeouts.
 * AWS pages cited:
 * [connect] https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-keys-connect-disconnect.html
 *           ($disconnect is best effort; it fires after the connection is closed)
 * [quotas]  https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 *           (idle connection timeout 10 minutes, connection duration 2 hours)
 * [event]   disconnectStatusCode / disconnectReason in requestContext, as API Gateway's execution
 *           logs show them: https://github.com/boto/boto3/issues/3789
 */
import { PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, callsTo, start, stopAll } from './harness.ts';

afterEach(stopAll);

const routes = {
  $connect: { function: 'connect' },
  $disconnect: { function: 'disconnect' },
  $default: { function: 'default' },
};
const handlers = {
  connect: () => ({ statusCode: 200 }),
  disconnect: () => ({ statusCode: 200 }),
  default: () => ({}),
};

describe('gateway disconnects', () => {
  it("[event] a client close reaches $disconnect with the client's status code and reason", async () => {
    const { gateway, calls, events } = await start({ routes, handlers });
    const client = await Client.open(gateway.wsUrl);
    const connectionId = gateway.connections()[0]?.connectionId;
    client.ws.close(4000, 'bye from the quiz');
    await client.closed;
    await expect
      .poll(() => callsTo(calls, 'disconnect').length, { timeout: 5_000, message: '$disconnect call' })
      .toBeGreaterThan(0);
    const [event] = callsTo(calls, 'disconnect');
    const [connect] = callsTo(calls, 'connect');
    expect(event?.requestContext).toMatchObject({
      routeKey: '$disconnect',
      eventType: 'DISCONNECT',
      connectionId,
      connectedAt: connect?.requestContext.connectedAt,
      disconnectStatusCode: 4000,
      disconnectReason: 'bye from the quiz',
    });
    expect(events).toContainEqual({
      type: 'disconnect',
      connectionId,
      statusCode: 4000,
      reason: 'bye from the quiz',
    });
    await expect
      .poll(() => gateway.connections().length, { timeout: 5_000, message: 'the registry to empty' })
      .toBe(0);
  });

  it('[event] a close frame without a status reports 1005; a dropped TCP connection reports 1006', async () => {
    const { gateway, calls } = await start({ routes, handlers });
    const a = await Client.open(gateway.wsUrl);
    a.ws.close();
    const b = await Client.open(gateway.wsUrl);
    b.ws.terminate();
    await expect
      .poll(() => callsTo(calls, 'disconnect').length, { timeout: 5_000, message: 'two $disconnect calls' })
      .toBe(2);
    const codes = callsTo(calls, 'disconnect').map((e) => e.requestContext.disconnectStatusCode);
    expect(codes.sort()).toEqual([1005, 1006]);
  });

  it('[quotas] the idle timeout closes with 1001 Going away; client frames keep it alive', async () => {
    const { gateway, calls } = await start({ routes, handlers, limits: { idleTimeoutMs: 500 } });
    const client = await Client.open(gateway.wsUrl);
    // Keep talking for longer than the idle timeout: the connection must stay open.
    for (let i = 0; i < 7; i++) {
      await new Promise((r) => setTimeout(r, 100));
      client.send(`still here ${i}`);
    }
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    const closed = await client.closed;
    expect(closed).toEqual({ code: 1001, reason: 'Going away' });
    await expect
      .poll(() => callsTo(calls, 'disconnect').length, { timeout: 5_000, message: '$disconnect call' })
      .toBeGreaterThan(0);
    const [event] = callsTo(calls, 'disconnect');
    expect(event?.requestContext).toMatchObject({
      disconnectStatusCode: 1001,
      disconnectReason: 'Going away',
    });
  });

  it('[quotas] the connection duration limit closes even a busy connection with 1001', async () => {
    const { gateway } = await start({
      routes,
      handlers,
      limits: { maxConnectionMs: 300, idleTimeoutMs: 60_000 },
    });
    const client = await Client.open(gateway.wsUrl);
    const chatter = setInterval(() => {
      if (client.ws.readyState === client.ws.OPEN) client.send('busy');
    }, 50);
    try {
      expect((await client.closed).code).toBe(1001);
    } finally {
      clearInterval(chatter);
    }
  });

  it('[connect] $disconnect failing is only reported, and the connection is gone for @connections', async () => {
    const started = await start({
      routes,
      handlers: {
        ...handlers,
        disconnect: () => {
          throw new Error('cleanup failed');
        },
      },
    });
    const client = await Client.open(started.gateway.wsUrl);
    const connectionId = started.gateway.connections()[0]?.connectionId as string;
    client.ws.close(1000);
    await client.closed;
    await expect
      .poll(() => started.events.some((e) => e.type === 'error' && e.routeKey === '$disconnect'), {
        timeout: 5_000,
        message: 'the $disconnect failure report',
      })
      .toBe(true);
    await expect(
      started.sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'late' })),
    ).rejects.toMatchObject({ name: 'GoneException' });
  });
});
