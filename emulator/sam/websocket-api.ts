/**
 * The raw API Gateway v2 resources of a WebSocket API in a template: `AWS::ApiGatewayV2::Api`
 * (ProtocolType WEBSOCKET, RouteSelectionExpression), `Route` (RouteKey, Target
 * `integrations/<id>`, AuthorizationType CUSTOM + AuthorizerId), `Integration` (AWS_PROXY to a
 * Lambda function's invocation ARN), `RouteResponse`, `Stage` (StageName) and `Authorizer`
 * (REQUEST), as the CloudFormation reference defines them (aws-resource-apigatewayv2-*.html).
 */
import type { IntrinsicContext } from '../serverless/intrinsics.ts';
import { evaluateIntrinsics } from '../serverless/intrinsics.ts';
import type { AuthorizerSpec, RouteSpec } from '../stack.ts';
import { num, type Obj, obj, str, type Template } from './template.ts';

export interface WebSocketApi {
  logicalId: string;
  routeSelectionExpression: string;
  stage?: string;
  /** The Stage's AutoDeploy: route changes go live without a new Deployment. */
  autoDeploy?: boolean;
  routes: Record<string, RouteSpec>;
  connectAuthorizer?: AuthorizerSpec;
}

/** The one WebSocket API of the template; HTTP APIs are skipped with a line each. */
export function findWebSocketApi(template: Template, resources: Obj, warn: (line: string) => void): string {
  const apis = Object.entries(resources).filter(([, r]) => obj(r).Type === 'AWS::ApiGatewayV2::Api');
  const websocket = apis.filter(([, r]) => obj(obj(r).Properties).ProtocolType === 'WEBSOCKET');
  for (const [id] of apis.filter(([, r]) => obj(obj(r).Properties).ProtocolType !== 'WEBSOCKET')) {
    warn(
      `${template.file}: ${id} is an HTTP API; the emulator serves WebSocket APIs only, so it is skipped.`,
    );
  }
  if (websocket.length === 0) {
    throw new Error(
      `${template.file}: no AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET; the emulator runs one WebSocket API with its routes, integrations and Lambda functions.`,
    );
  }
  if (websocket.length > 1) {
    throw new Error(
      `${template.file}: ${websocket.map(([id]) => id).join(' and ')} are both WebSocket APIs; the emulator runs one per template.`,
    );
  }
  return (websocket[0] as [string, unknown])[0];
}

/** Integration URIs name the function: `…/functions/arn:aws:lambda:<region>:<account>:function:<name>[:alias]/invocations`. */
export function functionFromUri(uri: unknown): string | undefined {
  const m = /function:([^:/]+)(?::[^/]+)?\/invocations$/.exec(String(uri));
  return m?.[1];
}

export function webSocketApiFrom(
  template: Template,
  resources: Obj,
  apiLogicalId: string,
  ctx: IntrinsicContext,
  functionNames: ReadonlySet<string>,
): WebSocketApi {
  const where = (id: string) => `${template.file}: ${id}`;
  const ofType = (type: string) =>
    Object.entries(resources)
      .filter(([, r]) => obj(r).Type === type)
      .map(([id, r]) => [id, obj(evaluateIntrinsics(obj(obj(r).Properties), ctx))] as [string, Obj])
      .filter(([, p]) => p.ApiId === ctx.apiId);
  const api = obj(evaluateIntrinsics(obj(obj(resources[apiLogicalId]).Properties), ctx));
  const routeSelectionExpression = str(api.RouteSelectionExpression);
  if (!routeSelectionExpression)
    throw new Error(`${where(apiLogicalId)}: RouteSelectionExpression is missing.`);

  const integrationRef = (id: string) => String(ctx.refs?.[id]);
  const integrations = new Map<string, { id: string; fn: string }>();
  for (const [id, p] of ofType('AWS::ApiGatewayV2::Integration')) {
    const type = str(p.IntegrationType);
    if (type !== 'AWS_PROXY') {
      throw new Error(
        `${where(id)}: IntegrationType ${type}; the emulator supports AWS_PROXY integrations with a Lambda function of this template.`,
      );
    }
    const fn = functionFromUri(p.IntegrationUri);
    if (!fn || !functionNames.has(fn)) {
      throw new Error(
        `${where(id)}: IntegrationUri ${String(p.IntegrationUri)} does not name a function of this template (write it as !Sub arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Fn.Arn}/invocations).`,
      );
    }
    integrations.set(integrationRef(id), { id, fn });
  }

  const authorizers = new Map<string, AuthorizerSpec>();
  for (const [id, p] of ofType('AWS::ApiGatewayV2::Authorizer')) {
    if (p.AuthorizerType !== 'REQUEST') {
      throw new Error(
        `${where(id)}: AuthorizerType ${String(p.AuthorizerType)}; WebSocket APIs take REQUEST authorizers.`,
      );
    }
    const fn = functionFromUri(p.AuthorizerUri);
    if (!fn || !functionNames.has(fn)) {
      throw new Error(
        `${where(id)}: AuthorizerUri ${String(p.AuthorizerUri)} does not name a function of this template.`,
      );
    }
    authorizers.set(String(ctx.refs?.[id]), {
      name: str(p.Name) ?? id,
      function: fn,
      identitySource: [p.IdentitySource ?? []].flat().map(String),
      // CloudFormation leaves caching off unless the template sets a TTL.
      resultTtlSeconds: num(p.AuthorizerResultTtlInSeconds) ?? 0,
    });
  }

  const withResponse = new Set(
    ofType('AWS::ApiGatewayV2::RouteResponse')
      .filter(([, p]) => p.RouteResponseKey === '$default')
      .map(([, p]) => String(p.RouteId)),
  );
  const routes: Record<string, RouteSpec> = {};
  let connectAuthorizer: AuthorizerSpec | undefined;
  for (const [id, p] of ofType('AWS::ApiGatewayV2::Route')) {
    const key = str(p.RouteKey);
    if (!key) throw new Error(`${where(id)}: RouteKey is missing.`);
    const target = str(p.Target);
    const integration = target?.startsWith('integrations/')
      ? integrations.get(target.slice('integrations/'.length))
      : undefined;
    if (!integration) {
      throw new Error(
        `${where(id)}: Target ${String(target)} names no AWS_PROXY integration of this API; write Target: !Join [/, [integrations, !Ref <Integration>]].`,
      );
    }
    if (routes[key]) throw new Error(`${where(id)}: route ${key} is declared twice.`);
    routes[key] = {
      function: integration.fn,
      ...(withResponse.has(String(ctx.refs?.[id])) ? { routeResponse: true } : {}),
    };
    if (p.AuthorizationType === 'CUSTOM') {
      const authorizer = authorizers.get(String(p.AuthorizerId));
      if (!authorizer)
        throw new Error(
          `${where(id)}: AuthorizerId ${String(p.AuthorizerId)} names no Authorizer of this API.`,
        );
      if (key !== '$connect')
        throw new Error(`${where(id)}: an authorizer on ${key}; WebSocket APIs authorize only $connect.`);
      connectAuthorizer = authorizer;
    } else if (p.AuthorizationType === 'AWS_IAM') {
      throw new Error(
        `${where(id)}: AuthorizationType AWS_IAM is not supported; use NONE or a CUSTOM (Lambda REQUEST) authorizer.`,
      );
    }
  }
  const stages = ofType('AWS::ApiGatewayV2::Stage');
  const stage = str(stages[0]?.[1].StageName);
  const autoDeploy = stages[0]?.[1].AutoDeploy === true || stages[0]?.[1].AutoDeploy === 'true';
  return {
    logicalId: apiLogicalId,
    routeSelectionExpression,
    routes,
    ...(stage ? { stage } : {}),
    ...(autoDeploy ? { autoDeploy } : {}),
    ...(connectAuthorizer ? { connectAuthorizer } : {}),
  };
}
