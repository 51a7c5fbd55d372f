import { describe, expect, it } from 'vitest';
import { ControlPlane, ControlPlaneError, functionOfUri } from './control-plane.ts';
import { selectRoute } from './route-selection.ts';

const FN_ARN = 'arn:aws:lambda:ap-northeast-2:123456789012:function:sendmessage-fn';

function plane(autoDeploy = false) {
  return new ControlPlane({
    apiId: 'abcdefghij',
    name: 'chat',
    region: 'ap-northeast-2',
    accountId: '123456789012',
    routeSelectionExpression: '$request.body.action',
    stage: 'dev',
    autoDeploy,
    routes: {
      $connect: { function: 'app' },
      $disconnect: { function: 'app' },
      $default: { function: 'app' },
    },
  });
}

/** The route a message reaches on the stage as deployed now. */
function routed(p: ControlPlane, body: string) {
  const d = p.deployed();
  if (!d) return undefined;
  const key = selectRoute(d.selector, body, d.routeKeys);
  return key === undefined ? undefined : { key, fn: d.routes[key]?.function };
}

function addSendMessage(p: ControlPlane) {
  const integration = p.createIntegration({ integrationType: 'AWS_PROXY', integrationUri: FN_ARN });
  return p.createRoute({ routeKey: 'sendmessage', target: `integrations/${integration.integrationId}` });
}

const SEND = JSON.stringify({ action: 'sendmessage', message: 'hi' });

describe('control plane: the stage serves a snapshot', () => {
  it("the stack's routes are deployment #1 of the stage", () => {
    const p = plane();
    expect(p.listDeployments()).toHaveLength(1);
    expect(p.getStage('dev').deploymentId).toBe(p.listDeployments()[0]?.deploymentId);
    expect(
      p
        .listRoutes()
        .map((r) => r.routeKey)
        .sort(),
    ).toEqual(['$connect', '$default', '$disconnect']);
    // One integration per function, as a deploy tool makes them.
    expect(p.listIntegrations()).toHaveLength(1);
    expect(p.listIntegrations()[0]?.integrationUri).toBe(
      'arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-northeast-2:123456789012:function:app/invocations',
    );
  });

  it('a route added to the API is not live until a deployment reaches the stage', () => {
    const p = plane();
    addSendMessage(p);
    expect(p.listRoutes().map((r) => r.routeKey)).toContain('sendmessage');
    expect(routed(p, SEND)).toEqual({ key: '$default', fn: 'app' });
    const d = p.createDeployment({});
    // Deployed but not pointed at: still the old one.
    expect(routed(p, SEND)).toEqual({ key: '$default', fn: 'app' });
    p.updateStage('dev', { deploymentId: d.deploymentId });
    expect(routed(p, SEND)).toEqual({ key: 'sendmessage', fn: 'sendmessage-fn' });
  });

  it('CreateDeployment with a stage name deploys it at once; older snapshots stay as they were', () => {
    const p = plane();
    const first = p.getStage('dev').deploymentId as string;
    addSendMessage(p);
    p.createDeployment({ stageName: 'dev', description: 'add sendmessage' });
    expect(routed(p, SEND)?.key).toBe('sendmessage');
    // Rolling back to #1 is a deployment pointer, as in the console's stage history.
    p.updateStage('dev', { deploymentId: first });
    expect(routed(p, SEND)?.key).toBe('$default');
  });

  it('deleting a route leaves it live until the next deployment', () => {
    const p = plane();
    const route = addSendMessage(p);
    p.createDeployment({ stageName: 'dev' });
    p.deleteRoute(route.routeId);
    expect(routed(p, SEND)?.key).toBe('sendmessage');
    p.createDeployment({ stageName: 'dev' });
    expect(routed(p, SEND)?.key).toBe('$default');
  });

  it('AutoDeploy redeploys after every change', () => {
    const p = plane(true);
    const seen: string[] = [];
    p.onChange((c) => seen.push(c.kind));
    addSendMessage(p);
    expect(routed(p, SEND)).toEqual({ key: 'sendmessage', fn: 'sendmessage-fn' });
    expect(p.listDeployments().filter((d) => d.autoDeployed).length).toBeGreaterThanOrEqual(2);
    expect(seen).toContain('deployed');
  });

  it('turning AutoDeploy on deploys the draft as it stands', () => {
    const p = plane();
    addSendMessage(p);
    p.updateStage('dev', { autoDeploy: true });
    expect(routed(p, SEND)?.key).toBe('sendmessage');
  });

  it('a route without an integration is deployed without a function', () => {
    const p = plane();
    p.createRoute({ routeKey: 'ping' });
    p.createDeployment({ stageName: 'dev' });
    expect(routed(p, JSON.stringify({ action: 'ping' }))).toEqual({ key: 'ping', fn: undefined });
  });
});

describe('control plane: bad input is refused whole', () => {
  const refused = (f: () => unknown, type: string, text: RegExp) => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(ControlPlaneError);
      expect((error as ControlPlaneError).type).toBe(type);
      expect((error as Error).message).toMatch(text);
      return;
    }
    throw new Error('not refused');
  };

  it('names what is wrong and changes nothing', () => {
    const p = plane();
    const before = JSON.stringify([p.listRoutes(), p.listIntegrations(), p.listStages()]);
    refused(
      () => p.createRoute({ routeKey: '$default' }),
      'ConflictException',
      /Route with key \$default already exists/,
    );
    refused(
      () => p.createRoute({ routeKey: 'x', target: 'integrations/nope' }),
      'BadRequestException',
      /Invalid target/,
    );
    refused(
      () => p.createIntegration({ integrationType: 'AWS_PROXY', integrationUri: 'arn:aws:s3:::bucket' }),
      'BadRequestException',
      /Invalid integration URI/,
    );
    refused(() => p.createIntegration({ integrationType: 'HTTP_PROXY' }), 'BadRequestException', /AWS_PROXY/);
    refused(
      () =>
        p.createIntegration({
          integrationType: 'AWS_PROXY',
          integrationUri: FN_ARN,
          timeoutInMillis: 30_000,
        }),
      'BadRequestException',
      /between 50 ms and 29000 ms/,
    );
    refused(
      () => p.deleteRoute('nope'),
      'NotFoundException',
      /Invalid Route identifier specified 123456789012:nope/,
    );
    refused(() => p.getStage('prod'), 'NotFoundException', /Invalid stage identifier specified/);
    refused(
      () => p.updateStage('dev', { deploymentId: 'zzzzzz', description: 'x' }),
      'NotFoundException',
      /Invalid Deployment identifier/,
    );
    refused(
      () => p.checkApi('other'),
      'NotFoundException',
      /Invalid API identifier specified 123456789012:other/,
    );
    expect(JSON.stringify([p.listRoutes(), p.listIntegrations(), p.listStages()])).toBe(before);
  });

  it('a deployment needs a route', () => {
    const p = new ControlPlane({
      apiId: 'abcdefghij',
      name: 'empty',
      region: 'ap-northeast-2',
      accountId: '123456789012',
      routeSelectionExpression: '$request.body.action',
      stage: 'dev',
      routes: {},
    });
    expect(p.deployed()).toBeUndefined();
    refused(() => p.createDeployment({}), 'BadRequestException', /At least one route is required/);
  });

  it('reads function names out of Lambda and invocation ARNs', () => {
    expect(functionOfUri(FN_ARN)).toBe('sendmessage-fn');
    expect(functionOfUri(`${FN_ARN}:live`)).toBe('sendmessage-fn');
    expect(
      functionOfUri(
        `arn:aws:apigateway:ap-northeast-2:lambda:path/2015-03-31/functions/${FN_ARN}/invocations`,
      ),
    ).toBe('sendmessage-fn');
    expect(functionOfUri('sendmessage-fn')).toBeUndefined();
  });
});
