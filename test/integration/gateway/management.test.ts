/**
 * The @connections management API, driven only through @aws-sdk/client-apigatewaymanagementapi.
 * AWS pages cited:
 * [connections] https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-how-to-call-websocket-api-connections.html
 * [post]   https://docs.aws.amazon.com/apigatewaymanagementapi/latest/APIReference/API_PostToConnection.html
 *          (errors: ForbiddenException 403, GoneException 410, LimitExceededException 429,
 *          PayloadTooLargeException 413)
 * [get]    https://docs.aws.amazon.com/apigatewaymanagementapi/latest/APIReference/API_GetConnection.html
 * [iam]    https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-control-access-iam.html
 *          (execute-api:ManageConnections on arn:aws:execute-api:region:account:api-id/stage/METHOD/@connections/id)
 * [quotas] https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 */
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { afterEach, describe, expect, it } from 'vitest';
import type { Authorizer } from '../../../emulator/contracts.ts';
import { type AwsError, Client, callsTo, rejection, start, stopAll } from './harness.ts';

afterEach(stopAll);

const routes = { $disconnect: { function: 'disconnect' }, $default: { function: 'default' } };
const handlers = { disconnect: () => ({}), default: () => ({}) };

async function openOne(options: Parameters<typeof start>[0] = { routes, handlers }) {
  const started = await start(options);
  const client = await Client.open(started.gateway.wsUrl, { 'User-Agent': 'quiz-test/1.0' });
  const connectionId = started.gateway.connections()[0]?.connectionId as string;
  return { ...started, client, connectionId };
}

describe('@connections management API', () => {
  it('[connections] POST delivers Data to the client as a text frame', async () => {
    const { sdk, client, connectionId } = await openOne();
    const out = await sdk.send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: JSON.stringify({ username: '봇', content: 'ㅊㅅ' }),
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(await client.json(0)).toEqual({ username: '봇', content: 'ㅊㅅ' });
  });

  it("a handler can post back to its caller through the SDK (the app's broadcast path)", async () => {
    const started = await start({
      routes: { $default: { function: 'reply' } },
      handlers: {
        reply: async (event) => {
          await started.sdk.send(
            new PostToConnectionCommand({
              ConnectionId: event.requestContext.connectionId,
              Data: `got ${event.body}`,
            }),
          );
          return { statusCode: 200 };
        },
      },
    });
    const client = await Client.open(started.gateway.wsUrl);
    client.send('start!');
    expect(await client.message(0)).toBe('got start!');
  });

  it('[quotas] a post over 32 KB reaches the client whole, sent in frames of at most 32 KB', async () => {
    const { sdk, client, connectionId } = await openOne();
    const data = '가'.repeat(40_000); // 120 000 bytes of UTF-8, split mid-character across frames
    await sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    expect(await client.message(0)).toBe(data);
  });

  it('[post] Data over 128 KB is 413 PayloadTooLargeException', async () => {
    const { sdk, client, connectionId } = await openOne();
    const error = await rejection(
      sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x'.repeat(128 * 1024 + 1) })),
    );
    expect(error.name).toBe('PayloadTooLargeException');
    expect(error.$metadata.httpStatusCode).toBe(413);
    expect(client.messages).toEqual([]);
    await sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x'.repeat(128 * 1024) }));
    expect(await client.message(0)).toHaveLength(128 * 1024);
  });

  it('[post] unknown and closed connections are 410 GoneException, with x-amzn-RequestId', async () => {
    const { sdk, client, connectionId } = await openOne();
    const unknown = await rejection(
      sdk.send(new PostToConnectionCommand({ ConnectionId: 'L0SM9cOFvHcCIhw=', Data: 'hi' })),
    );
    expect(unknown.name).toBe('GoneException');
    expect(unknown.$metadata.httpStatusCode).toBe(410);
    expect(unknown.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // AWS's 410 carries no message, which is why SDK v3 users see "GoneException: UnknownError".
    expect(unknown.message).toBe('UnknownError');

    client.ws.close(1000);
    await client.closed;
    await expect
      .poll(() => client.ws.readyState, { timeout: 5_000, message: 'the client socket to close' })
      .toBe(client.ws.CLOSED);
    await expect(
      sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'hi' })),
    ).rejects.toMatchObject({
      name: 'GoneException',
    });
    await expect(sdk.send(new GetConnectionCommand({ ConnectionId: connectionId }))).rejects.toMatchObject({
      name: 'GoneException',
    });
    await expect(sdk.send(new DeleteConnectionCommand({ ConnectionId: connectionId }))).rejects.toMatchObject(
      {
        name: 'GoneException',
      },
    );
  });

  it('[get] GetConnection returns ConnectedAt, LastActiveAt and Identity {SourceIp, UserAgent}', async () => {
    const { sdk, client, connectionId, calls } = await openOne();
    const before = await sdk.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(before.ConnectedAt).toBeInstanceOf(Date);
    expect(before.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'quiz-test/1.0' });
    expect(before.LastActiveAt?.getTime()).toBeGreaterThanOrEqual(
      before.ConnectedAt?.getTime() ?? Number.NaN,
    );

    await new Promise((r) => setTimeout(r, 20));
    client.send('activity');
    await expect.poll(() => calls.length, { timeout: 5_000, message: 'the message to arrive' }).toBe(1);
    const after = await sdk.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(after.ConnectedAt?.getTime()).toBe(before.ConnectedAt?.getTime());
    expect(after.LastActiveAt?.getTime()).toBeGreaterThan(before.LastActiveAt?.getTime() ?? Number.NaN);
  });

  it('[connections] DELETE closes the socket (204); $disconnect then reports 1000', async () => {
    const { sdk, client, connectionId, calls, gateway } = await openOne();
    const out = await sdk.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    // Gone at once, before the client has even answered the close.
    const late = await rejection(
      sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'late' })),
    );
    expect(late.name).toBe('GoneException');
    await client.closed;
    await expect
      .poll(() => callsTo(calls, 'disconnect').length, { timeout: 5_000, message: '$disconnect call' })
      .toBeGreaterThan(0);
    const [event] = callsTo(calls, 'disconnect');
    expect(event?.requestContext).toMatchObject({ connectionId, disconnectStatusCode: 1000 });
    await expect
      .poll(() => gateway.connections().length, { timeout: 5_000, message: 'the registry to empty' })
      .toBe(0);
  });

  it('[iam] a caller the authorizer denies gets 403 ForbiddenException naming the resource', async () => {
    const checked: { action: string; resource: string }[] = [];
    const denyPosts: Authorizer = {
      identify: () => ({
        ok: true,
        principal: {
          kind: 'role',
          roleName: 'chosung-role',
          sessionName: 'fn',
          arn: 'arn:aws:sts::123456789012:assumed-role/chosung-role/fn',
          accessKeyId: 'ASIATEST',
        },
      }),
      authorize: (_principal, action, resource) => {
        checked.push({ action, resource });
        const allowed = !resource.includes('/POST/');
        return {
          allowed,
          reason: allowed ? 'allow' : 'implicit-deny',
          message: allowed
            ? 'allowed'
            : `User: arn:aws:sts::123456789012:assumed-role/chosung-role/fn is not authorized to perform: ${action} on resource: ${resource}`,
        };
      },
    };
    const { sdk, client, connectionId, events } = await openOne({ routes, handlers, auth: denyPosts });
    const error = await rejection(
      sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'hi' })),
    );
    const resource = `arn:aws:execute-api:ap-northeast-2:123456789012:chosung001/dev/POST/@connections/${connectionId}`;
    expect(error.name).toBe('ForbiddenException');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toContain(
      `is not authorized to perform: execute-api:ManageConnections on resource: ${resource}`,
    );
    expect(checked[0]).toEqual({ action: 'execute-api:ManageConnections', resource });
    expect(events).toContainEqual(expect.objectContaining({ type: 'denied', method: 'POST', connectionId }));
    // The same role may GET (its policy allows it): the check is per method and connection.
    await sdk.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(checked[1]?.resource).toContain('/GET/@connections/');
    expect(client.messages).toEqual([]);
  });

  it('[iam] an identification failure is answered with the status and error type IAM gives', async () => {
    const rejectAll: Authorizer = {
      identify: () => ({
        ok: false,
        status: 403,
        errorType: 'ForbiddenException',
        message: 'The security token included in the request is invalid.',
      }),
      authorize: () => {
        throw new Error('not reached');
      },
    };
    const { sdk, connectionId } = await openOne({ routes, handlers, auth: rejectAll });
    await expect(sdk.send(new GetConnectionCommand({ ConnectionId: connectionId }))).rejects.toMatchObject({
      name: 'ForbiddenException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('an unsigned request is 403 "Missing Authentication Token"', async () => {
    const { gateway, connectionId } = await openOne();
    const unsigned = new ApiGatewayManagementApiClient({
      endpoint: gateway.managementUrl,
      region: 'ap-northeast-2',
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
      signer: { sign: async (request) => request },
      maxAttempts: 1,
    });
    const error = await rejection(unsigned.send(new GetConnectionCommand({ ConnectionId: connectionId })));
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.name).toBe('MissingAuthenticationTokenException');
    expect(error.message).toBe('Missing Authentication Token');
  });

  it('[post] calls over postsPerSecond are 429 LimitExceededException', async () => {
    const { sdk, client, connectionId } = await openOne({ routes, handlers, limits: { postsPerSecond: 2 } });
    const results = await Promise.allSettled(
      [1, 2, 3].map((n) =>
        sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: `m${n}` })),
      ),
    );
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AwsError] : []));
    expect(rejected.map((e) => [e.name, e.$metadata.httpStatusCode])).toEqual([
      ['LimitExceededException', 429],
    ]);
    await client.message(1);
    expect(client.messages).toHaveLength(2);
  });
});
