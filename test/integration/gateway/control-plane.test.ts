/**
 * The ApiGatewayV2 control plane on `apigateway.<region>.amazonaws.com`, through the TLS front
 * door, with the real @aws-sdk/client-apigatewayv2 signed by the administrator key, a real ws
 * client and real Lambda instances: a route added to the API is live only once a deployment
 * reaches the stage. Unsigned and forged calls are refused as AWS refuses them; the AWS CLI
 * (Debian's awscli, through the same redirect Python instances use) reads the routes too.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  ApiGatewayV2Client,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  DeleteRouteCommand,
  GetApisCommand,
  GetDeploymentsCommand,
  GetRoutesCommand,
  GetStageCommand,
  NotFoundException,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON_REDIRECT_DIR } from '../../../emulator/endpoints/index.ts';
import { DEFAULTS, type Stack } from '../../../emulator/stack.ts';
import type { RunningEmulator } from '../../../emulator/start.ts';
import { connect, type RecordingClient } from '../../conformance/clients.ts';
import { startTestEmulator } from '../../support/emulator.ts';

const REGION = 'ap-northeast-2';
const API_ID = 'ctrlplane1';
const HOST = `apigateway.${REGION}.amazonaws.com`;
const AWS_CLI = '/usr/bin/aws';

// Each function answers with who ran and for which route, as a route response.
const HANDLER = (name: string) => `
export const handler = async (event) => {
  const { routeKey } = event.requestContext;
  console.log('ran', ${JSON.stringify(name)}, 'for', routeKey);
  return { statusCode: 200, body: JSON.stringify({ ran: ${JSON.stringify(name)}, routeKey }) };
};
`;

const dir = mkdtempSync(join(tmpdir(), 'control-plane-'));
let emulator: RunningEmulator;
let client: ApiGatewayV2Client;
let agent: Agent;
const sockets: RecordingClient[] = [];

function stack(): Stack {
  writeFileSync(join(dir, 'app.mjs'), HANDLER('app'));
  writeFileSync(join(dir, 'sendmessage.mjs'), HANDLER('sendmessage'));
  return {
    ...DEFAULTS,
    name: 'control-plane-test',
    apiId: API_ID,
    role: {
      name: 'control-plane-role',
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] },
    },
    tables: [],
    functions: [
      { name: 'app', entry: join(dir, 'app.mjs') },
      { name: 'sendmessage', entry: join(dir, 'sendmessage.mjs') },
    ],
    routes: { $connect: { function: 'app' }, $default: { function: 'app', routeResponse: true } },
  };
}

beforeAll(async () => {
  emulator = await startTestEmulator(stack(), {
    logsDir: join(dir, 'logs'),
    auth: 'strict',
    ...(process.env.TEST_ENGINE ? { engine: process.env.TEST_ENGINE as 'local' } : {}),
  });
  // The AWS hostname, resolved to the front door; TLS verified against the workbench CA.
  agent = new Agent({
    ca: emulator.endpoints.tls.caCert,
    lookup: (_host, options, callback) =>
      (options as { all?: boolean }).all
        ? (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
            { address: '127.0.0.1', family: 4 },
          ])
        : (callback as (e: null, a: string, f: number) => void)(null, '127.0.0.1', 4),
  });
  client = new ApiGatewayV2Client({
    region: REGION,
    endpoint: `https://${HOST}:${emulator.endpoints.frontDoor.port}`,
    credentials: { accessKeyId: emulator.admin.accessKeyId, secretAccessKey: emulator.admin.secretAccessKey },
    requestHandler: { httpsAgent: agent },
  });
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  client?.destroy();
  agent?.destroy();
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function say(body: object): Promise<unknown> {
  const socket = await connect(emulator.urls.ws as string);
  sockets.push(socket);
  socket.socket.send(JSON.stringify(body));
  return socket.waitFor((f): f is object => typeof f === 'object' && f !== null && 'ran' in f, 'an answer');
}

describe('the control plane over the front door', () => {
  it('GetApis and GetRoutes show the stack as its deploy left it', async () => {
    const apis = await client.send(new GetApisCommand({}));
    expect(apis.Items?.map((a) => [a.ApiId, a.ProtocolType, a.RouteSelectionExpression])).toEqual([
      [API_ID, 'WEBSOCKET', '$request.body.action'],
    ]);
    const routes = await client.send(new GetRoutesCommand({ ApiId: API_ID }));
    expect(routes.Items?.map((r) => r.RouteKey).sort()).toEqual(['$connect', '$default']);
    const deployments = await client.send(new GetDeploymentsCommand({ ApiId: API_ID }));
    expect(deployments.Items).toHaveLength(1);
    const stage = await client.send(new GetStageCommand({ ApiId: API_ID, StageName: 'dev' }));
    expect(stage.DeploymentId).toBe(deployments.Items?.[0]?.DeploymentId);
    expect(stage.AutoDeploy).toBe(false);
    expect(stage.CreatedDate).toBeInstanceOf(Date);
  });

  it('a new route answers only after CreateDeployment and UpdateStage', { timeout: 60_000 }, async () => {
    const integration = await client.send(
      new CreateIntegrationCommand({
        ApiId: API_ID,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: `arn:aws:lambda:${REGION}:123456789012:function:sendmessage`,
      }),
    );
    const route = await client.send(
      new CreateRouteCommand({
        ApiId: API_ID,
        RouteKey: 'sendmessage',
        Target: `integrations/${integration.IntegrationId}`,
        RouteResponseSelectionExpression: '$default',
      }),
    );
    expect(route.RouteId).toMatch(/^[a-z0-9]+$/);
    // The trace shows the call on API Gateway's lifeline, with the IAM check it passed.
    await expect
      .poll(() =>
        emulator.trace
          .spans()
          .some(
            (span) =>
              span.kind === 'call' &&
              span.to === 'gateway' &&
              (span.detail as { action?: string }).action === 'CreateRoute',
          ),
      )
      .toBe(true);
    // In the API, not on the stage: the message goes to $default.
    expect(await say({ action: 'sendmessage', message: 'hi' })).toEqual({ ran: 'app', routeKey: '$default' });

    const deployment = await client.send(
      new CreateDeploymentCommand({ ApiId: API_ID, Description: 'sendmessage' }),
    );
    expect(deployment.DeploymentStatus).toBe('DEPLOYED');
    expect(await say({ action: 'sendmessage' })).toEqual({ ran: 'app', routeKey: '$default' });

    const stage = await client.send(
      new UpdateStageCommand({ ApiId: API_ID, StageName: 'dev', DeploymentId: deployment.DeploymentId }),
    );
    expect(stage.DeploymentId).toBe(deployment.DeploymentId);
    expect(await say({ action: 'sendmessage' })).toEqual({ ran: 'sendmessage', routeKey: 'sendmessage' });

    // Deleting the route changes the draft only, until the next deployment.
    await client.send(new DeleteRouteCommand({ ApiId: API_ID, RouteId: route.RouteId }));
    expect(await say({ action: 'sendmessage' })).toEqual({ ran: 'sendmessage', routeKey: 'sendmessage' });
    await client.send(new CreateDeploymentCommand({ ApiId: API_ID, StageName: 'dev' }));
    expect(await say({ action: 'sendmessage' })).toEqual({ ran: 'app', routeKey: '$default' });
  });

  it('AutoDeploy puts every change live', { timeout: 60_000 }, async () => {
    await client.send(new UpdateStageCommand({ ApiId: API_ID, StageName: 'dev', AutoDeploy: true }));
    const integrations = await client.send(
      new CreateIntegrationCommand({
        ApiId: API_ID,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: `arn:aws:lambda:${REGION}:123456789012:function:sendmessage`,
      }),
    );
    await client.send(
      new CreateRouteCommand({
        ApiId: API_ID,
        RouteKey: 'shout',
        Target: `integrations/${integrations.IntegrationId}`,
        RouteResponseSelectionExpression: '$default',
      }),
    );
    expect(await say({ action: 'shout' })).toEqual({ ran: 'sendmessage', routeKey: 'shout' });
    await client.send(new UpdateStageCommand({ ApiId: API_ID, StageName: 'dev', AutoDeploy: false }));
  });

  it('unknown ids and bad input get AWS error types, and change nothing', async () => {
    const before = await client.send(new GetRoutesCommand({ ApiId: API_ID }));
    const missing = await client.send(new GetRoutesCommand({ ApiId: 'nosuchapi0' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundException);
    expect((missing as Error).message).toBe('Invalid API identifier specified 123456789012:nosuchapi0');
    const conflict = await client
      .send(new CreateRouteCommand({ ApiId: API_ID, RouteKey: '$default' }))
      .catch((e: unknown) => e);
    expect((conflict as Error).name).toBe('ConflictException');
    expect((conflict as Error).message).toBe('Route with key $default already exists for this API');
    const bad = await client
      .send(
        new CreateIntegrationCommand({ ApiId: API_ID, IntegrationType: 'AWS_PROXY', IntegrationUri: 'nope' }),
      )
      .catch((e: unknown) => e);
    expect((bad as Error).name).toBe('BadRequestException');
    expect((bad as Error).message).toMatch(/Invalid integration URI specified: nope/);
    const badStage = await client
      .send(new UpdateStageCommand({ ApiId: API_ID, StageName: 'dev', DeploymentId: 'nope00' }))
      .catch((e: unknown) => e);
    expect((badStage as Error).name).toBe('NotFoundException');
    const after = await client.send(new GetRoutesCommand({ ApiId: API_ID }));
    expect(after.Items).toEqual(before.Items);
  });

  it('refuses unsigned and forged calls with AWS error types', async () => {
    const raw = (headers: Record<string, string>) =>
      new Promise<{ status: number; type: string | undefined; body: string }>((ok, fail) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: emulator.endpoints.frontDoor.port,
            servername: HOST,
            path: `/v2/apis/${API_ID}/routes`,
            headers: { host: HOST, ...headers },
            agent,
          },
          (res) => {
            let body = '';
            res.on('data', (d) => (body += d));
            res.on('end', () =>
              ok({ status: res.statusCode ?? 0, type: res.headers['x-amzn-errortype'] as string, body }),
            );
          },
        );
        req.on('error', fail);
        req.end();
      });
    const unsigned = await raw({});
    expect(unsigned.status).toBe(403);
    expect(unsigned.type).toBe('MissingAuthenticationTokenException');
    expect(JSON.parse(unsigned.body)).toEqual({ message: 'Missing Authentication Token' });

    const forgedClient = new ApiGatewayV2Client({
      region: REGION,
      endpoint: `https://${HOST}:${emulator.endpoints.frontDoor.port}`,
      credentials: { accessKeyId: emulator.admin.accessKeyId, secretAccessKey: 'not-the-secret' },
      requestHandler: { httpsAgent: agent },
    });
    const forged = await forgedClient.send(new GetRoutesCommand({ ApiId: API_ID })).catch((e: unknown) => e);
    forgedClient.destroy();
    expect((forged as Error).name).toBe('InvalidSignatureException');
    expect((forged as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(403);

    const stranger = new ApiGatewayV2Client({
      region: REGION,
      endpoint: `https://${HOST}:${emulator.endpoints.frontDoor.port}`,
      credentials: { accessKeyId: 'AKIASTRANGER00000000', secretAccessKey: 'x' },
      requestHandler: { httpsAgent: agent },
    });
    const unknown = await stranger.send(new GetRoutesCommand({ ApiId: API_ID })).catch((e: unknown) => e);
    stranger.destroy();
    expect((unknown as Error).name).toBe('UnrecognizedClientException');
  });

  it.skipIf(!existsSync(AWS_CLI))(
    'aws apigatewayv2 get-routes works against it',
    { timeout: 60_000 },
    async () => {
      const { stdout } = await promisify(execFile)(
        AWS_CLI,
        ['apigatewayv2', 'get-routes', '--api-id', API_ID, '--output', 'json'],
        {
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            AWS_ACCESS_KEY_ID: emulator.admin.accessKeyId,
            AWS_SECRET_ACCESS_KEY: emulator.admin.secretAccessKey,
            AWS_DEFAULT_REGION: REGION,
            // What Python instances get: port 443 of the AWS hostnames → the front door.
            PYTHONPATH: PYTHON_REDIRECT_DIR,
            ...emulator.endpoints.instanceEnv,
          },
        },
      );
      const keys = (JSON.parse(stdout) as { Items: { RouteKey: string }[] }).Items.map((r) => r.RouteKey);
      expect(keys).toContain('$default');
      expect(keys).toContain('$connect');
    },
  );

  it.skipIf(!existsSync(AWS_CLI))(
    'aws apigatewayv2 get-stages --endpoint-url reaches the loopback port',
    { timeout: 60_000 },
    async () => {
      const { stdout } = await promisify(execFile)(
        AWS_CLI,
        [
          'apigatewayv2',
          'get-stages',
          '--api-id',
          API_ID,
          '--endpoint-url',
          String(emulator.urls.apigateway),
        ],
        {
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            AWS_ACCESS_KEY_ID: emulator.admin.accessKeyId,
            AWS_SECRET_ACCESS_KEY: emulator.admin.secretAccessKey,
            AWS_DEFAULT_REGION: REGION,
          },
        },
      );
      const stages = (JSON.parse(stdout) as { Items: { StageName: string; DeploymentId: string }[] }).Items;
      expect(stages.map((s) => s.StageName)).toEqual(['dev']);
      expect(stages[0]?.DeploymentId).toMatch(/^[a-z0-9]+$/);
    },
  );

  it('the execute-api hostname does not answer the control plane, as on AWS', async () => {
    const status = await new Promise<number>((ok, fail) => {
      request(
        {
          host: '127.0.0.1',
          port: emulator.endpoints.frontDoor.port,
          servername: `${API_ID}.execute-api.${REGION}.amazonaws.com`,
          path: `/v2/apis/${API_ID}/routes`,
          headers: { host: `${API_ID}.execute-api.${REGION}.amazonaws.com` },
          agent,
        },
        (res) => {
          res.resume();
          ok(res.statusCode ?? 0);
        },
      )
        .on('error', fail)
        .end();
    });
    expect(status).toBe(403);
  });

  // Last: it leaves the API without $default.
  it("without $default in the deployment, an unrouted message gets AWS's Forbidden frame", {
    timeout: 60_000,
  }, async () => {
    const routes = await client.send(new GetRoutesCommand({ ApiId: API_ID }));
    const fallback = routes.Items?.find((r) => r.RouteKey === '$default');
    await client.send(new DeleteRouteCommand({ ApiId: API_ID, RouteId: fallback?.RouteId }));
    expect(await say({ action: 'nothing' })).toEqual({ ran: 'app', routeKey: '$default' });
    await client.send(new CreateDeploymentCommand({ ApiId: API_ID, StageName: 'dev' }));
    const socket = await connect(emulator.urls.ws as string);
    sockets.push(socket);
    socket.socket.send(JSON.stringify({ action: 'nothing' }));
    const frame = await socket.waitFor(
      (f): f is Record<string, string> => typeof f === 'object' && f !== null && 'message' in f,
      'the Forbidden frame',
    );
    expect(Object.keys(frame)).toEqual(['message', 'connectionId', 'requestId']);
    expect(frame.message).toBe('Forbidden');
  });
});
