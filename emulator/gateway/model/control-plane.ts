/**
 * The API's control plane, as API Gateway keeps it: the API holds routes and integrations (what
 * the console edits, the "draft"); a deployment is an immutable snapshot of them; a stage serves
 * one deployment. Messages are routed by the stage's deployment, never by the draft, so a route
 * added without "Deploy API" is not live
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-set-up-websocket-deployment.html).
 * A stage with `autoDeploy` gets a new deployment after every change, as AWS does
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateStage.html). Functions are named
 * by the integration, and looked up by name at invoke time, so code reloads need no deployment.
 * Pure state: no I/O, no wire format.
 */
import { randomBytes } from 'node:crypto';
import type { RouteSpec } from '../../stack.ts';
import { compileRouteSelection, type RouteSelector } from './route-selection.ts';

export interface ApiRoute {
  routeId: string;
  routeKey: string;
  /** `integrations/<integrationId>`, or none (the route answers `Internal server error`). */
  target?: string;
  authorizationType: 'NONE' | 'CUSTOM';
  authorizerId?: string;
  apiKeyRequired: boolean;
  apiGatewayManaged: boolean;
  /** `$default` when the route sends the integration's answer back (a route response). */
  routeResponseSelectionExpression?: string;
}

export interface ApiIntegration {
  integrationId: string;
  integrationType: 'AWS_PROXY';
  /** A Lambda function ARN, or the invocation ARN SAM and the console write. */
  integrationUri: string;
  integrationMethod: 'POST';
  connectionType: 'INTERNET';
  payloadFormatVersion: '1.0';
  timeoutInMillis: number;
  apiGatewayManaged: boolean;
  description?: string;
}

/** What the data plane routes by: route keys → functions, frozen at CreateDeployment. */
export interface DeployedApi {
  deploymentId: string;
  routeSelectionExpression: string;
  /** Routes with an integration; a key mapped to `undefined` exists but has none. */
  routes: Readonly<Record<string, Readonly<RouteSpec> | undefined>>;
  routeKeys: ReadonlySet<string>;
  selector: RouteSelector;
}

export interface Deployment {
  deploymentId: string;
  createdDate: Date;
  deploymentStatus: 'DEPLOYED';
  autoDeployed: boolean;
  description?: string;
  snapshot: DeployedApi;
}

export interface StageState {
  stageName: string;
  deploymentId?: string;
  autoDeploy: boolean;
  createdDate: Date;
  lastUpdatedDate: Date;
  description?: string;
}

export interface ApiDescription {
  apiId: string;
  name: string;
  protocolType: 'WEBSOCKET';
  routeSelectionExpression: string;
  apiKeySelectionExpression: string;
  apiEndpoint: string;
  createdDate: Date;
  disableExecuteApiEndpoint: boolean;
}

export type ControlPlaneErrorType = 'NotFoundException' | 'BadRequestException' | 'ConflictException';

/** An error AWS's API answers with: status, `x-amzn-ErrorType` and the body's `message`. */
export class ControlPlaneError extends Error {
  constructor(
    readonly type: ControlPlaneErrorType,
    message: string,
    readonly resourceType?: string,
  ) {
    super(message);
  }
  get status(): number {
    return { NotFoundException: 404, BadRequestException: 400, ConflictException: 409 }[this.type];
  }
}

export interface ControlPlaneOptions {
  apiId: string;
  name: string;
  region: string;
  accountId: string;
  routeSelectionExpression: string;
  stage: string;
  /** The stage's AutoDeploy (SAM/CloudFormation `AWS::ApiGatewayV2::Stage`); false by default. */
  autoDeploy?: boolean;
  /** The stack's routes: with their integrations they form deployment #1, as a deploy tool does. */
  routes: Record<string, RouteSpec>;
  /** Route keys the stack's authorizer guards (`$connect`). */
  authorizedRouteKeys?: string[];
  now?: () => Date;
}

export interface NewRoute {
  routeKey: string;
  target?: string | undefined;
  routeResponseSelectionExpression?: string | undefined;
}

export interface NewIntegration {
  integrationType: string;
  integrationUri?: string | undefined;
  integrationMethod?: string | undefined;
  timeoutInMillis?: number | undefined;
  description?: string | undefined;
}

export interface StagePatch {
  deploymentId?: string | undefined;
  autoDeploy?: boolean | undefined;
  description?: string | undefined;
}

/** A change every observer hears of (the gateway's console prints them). */
export type ControlPlaneChange =
  | { kind: 'draft'; what: string }
  | { kind: 'deployed'; stageName: string; deploymentId: string; autoDeployed: boolean };

/** Integration timeouts of WebSocket APIs: 50 ms to 29 s (quotas table). */
const MIN_TIMEOUT_MS = 50;
const MAX_TIMEOUT_MS = 29_000;

/** 10 lower-case letters/digits for resource ids, 7 for deployment ids, as API Gateway makes them. */
function newId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * The function a Lambda integration calls: from `arn:aws:lambda:<region>:<account>:function:<name>`
 * (optionally with `:<qualifier>`), bare or wrapped in the invocation ARN
 * `arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations`.
 */
export function functionOfUri(uri: string): string | undefined {
  const m =
    /^arn:aws:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(arn:aws:lambda:[^/]+)\/invocations$/.exec(
      uri,
    );
  const arn = m?.[1] ?? uri;
  return /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]{1,64})(?::[A-Za-z0-9$_-]+)?$/.exec(
    arn,
  )?.[1];
}

export class ControlPlane {
  readonly api: ApiDescription;
  private readonly routes = new Map<string, ApiRoute>();
  private readonly integrations = new Map<string, ApiIntegration>();
  private readonly deployments = new Map<string, Deployment>();
  private readonly stages = new Map<string, StageState>();
  private readonly listeners = new Set<(change: ControlPlaneChange) => void>();
  private readonly now: () => Date;

  constructor(private readonly options: ControlPlaneOptions) {
    this.now = options.now ?? (() => new Date());
    // Refused here, before anything is live: an expression no message could be routed by.
    compileRouteSelection(options.routeSelectionExpression);
    const created = this.now();
    this.api = {
      apiId: options.apiId,
      name: options.name,
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: options.routeSelectionExpression,
      apiKeySelectionExpression: '$request.header.x-api-key',
      apiEndpoint: `wss://${options.apiId}.execute-api.${options.region}.amazonaws.com`,
      createdDate: created,
      disableExecuteApiEndpoint: false,
    };
    const integrationOf = new Map<string, string>();
    for (const [routeKey, spec] of Object.entries(options.routes)) {
      let integrationId = integrationOf.get(spec.function);
      if (!integrationId) {
        integrationId = this.freshId(this.integrations);
        integrationOf.set(spec.function, integrationId);
        this.integrations.set(integrationId, {
          integrationId,
          integrationType: 'AWS_PROXY',
          integrationUri: this.invocationUri(spec.function),
          integrationMethod: 'POST',
          connectionType: 'INTERNET',
          payloadFormatVersion: '1.0',
          timeoutInMillis: MAX_TIMEOUT_MS,
          apiGatewayManaged: false,
        });
      }
      const routeId = this.freshId(this.routes);
      const authorized = options.authorizedRouteKeys?.includes(routeKey) ?? false;
      this.routes.set(routeId, {
        routeId,
        routeKey,
        target: `integrations/${integrationId}`,
        authorizationType: authorized ? 'CUSTOM' : 'NONE',
        apiKeyRequired: false,
        apiGatewayManaged: false,
        ...(spec.routeResponse ? { routeResponseSelectionExpression: '$default' } : {}),
      });
    }
    this.stages.set(options.stage, {
      stageName: options.stage,
      autoDeploy: options.autoDeploy ?? false,
      createdDate: created,
      lastUpdatedDate: created,
    });
    // Deployment #1: what `sls deploy` / `sam deploy` leave behind.
    const stage = this.stages.get(options.stage) as StageState;
    if (this.routes.size > 0) this.point(stage, this.snapshot(stage.autoDeploy));
  }

  /** Tells `listener` of every later change; returns the unsubscribe. */
  onChange(listener: (change: ControlPlaneChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The stage's deployment, what messages are routed by; undefined until one is deployed. */
  deployed(stageName: string = this.options.stage): DeployedApi | undefined {
    const id = this.stages.get(stageName)?.deploymentId;
    return id === undefined ? undefined : this.deployments.get(id)?.snapshot;
  }

  checkApi(apiId: string): void {
    if (apiId !== this.api.apiId)
      throw new ControlPlaneError(
        'NotFoundException',
        `Invalid API identifier specified ${this.options.accountId}:${apiId}`,
        'Api',
      );
  }

  // ---- routes ----

  listRoutes(): ApiRoute[] {
    return [...this.routes.values()].map((r) => ({ ...r }));
  }

  getRoute(routeId: string): ApiRoute {
    return { ...this.route(routeId) };
  }

  createRoute(input: NewRoute): ApiRoute {
    const key = input.routeKey;
    if ([...this.routes.values()].some((r) => r.routeKey === key))
      throw new ControlPlaneError('ConflictException', `Route with key ${key} already exists for this API`);
    if (input.target !== undefined) this.integrationOfTarget(input.target);
    if (
      input.routeResponseSelectionExpression !== undefined &&
      input.routeResponseSelectionExpression !== '$default'
    )
      throw new ControlPlaneError(
        'BadRequestException',
        `RouteResponseSelectionExpression ${JSON.stringify(input.routeResponseSelectionExpression)} is not supported; use $default`,
      );
    const routeId = this.freshId(this.routes);
    const route: ApiRoute = {
      routeId,
      routeKey: key,
      ...(input.target === undefined ? {} : { target: input.target }),
      authorizationType: 'NONE',
      apiKeyRequired: false,
      apiGatewayManaged: false,
      ...(input.routeResponseSelectionExpression === undefined
        ? {}
        : { routeResponseSelectionExpression: input.routeResponseSelectionExpression }),
    };
    this.routes.set(routeId, route);
    this.changed(`route ${key} created`);
    return { ...route };
  }

  deleteRoute(routeId: string): void {
    const route = this.route(routeId);
    this.routes.delete(routeId);
    this.changed(`route ${route.routeKey} deleted`);
  }

  // ---- integrations ----

  listIntegrations(): ApiIntegration[] {
    return [...this.integrations.values()].map((i) => ({ ...i }));
  }

  createIntegration(input: NewIntegration): ApiIntegration {
    if (input.integrationType !== 'AWS_PROXY')
      throw new ControlPlaneError(
        'BadRequestException',
        `IntegrationType ${input.integrationType} is not supported here; use AWS_PROXY with a Lambda function ARN`,
      );
    const uri = input.integrationUri;
    if (uri === undefined || functionOfUri(uri) === undefined)
      throw new ControlPlaneError(
        'BadRequestException',
        `Invalid integration URI specified: ${uri ?? '(none)'}; give a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>) or its invocation ARN`,
      );
    if (input.integrationMethod !== undefined && input.integrationMethod !== 'POST')
      throw new ControlPlaneError(
        'BadRequestException',
        'Lambda proxy integrations use IntegrationMethod POST',
      );
    const timeout = input.timeoutInMillis ?? MAX_TIMEOUT_MS;
    if (!Number.isInteger(timeout) || timeout < MIN_TIMEOUT_MS || timeout > MAX_TIMEOUT_MS)
      throw new ControlPlaneError(
        'BadRequestException',
        `Timeout should be between ${MIN_TIMEOUT_MS} ms and ${MAX_TIMEOUT_MS} ms`,
      );
    const integrationId = this.freshId(this.integrations);
    const integration: ApiIntegration = {
      integrationId,
      integrationType: 'AWS_PROXY',
      integrationUri: uri,
      integrationMethod: 'POST',
      connectionType: 'INTERNET',
      payloadFormatVersion: '1.0',
      timeoutInMillis: timeout,
      apiGatewayManaged: false,
      ...(input.description === undefined ? {} : { description: input.description }),
    };
    this.integrations.set(integrationId, integration);
    this.changed(`integration ${integrationId} created`);
    return { ...integration };
  }

  // ---- deployments and stages ----

  listDeployments(): Deployment[] {
    return [...this.deployments.values()];
  }

  /**
   * Snapshots the draft. With `stageName` the stage serves it at once (the console's "Deploy
   * API" does both); without it the deployment waits for UpdateStage.
   */
  createDeployment(input: { stageName?: string | undefined; description?: string | undefined }): Deployment {
    const stage = input.stageName === undefined ? undefined : this.stage(input.stageName);
    if (stage?.autoDeploy)
      throw new ControlPlaneError(
        'BadRequestException',
        `Stage ${stage.stageName} has AutoDeploy enabled; it is deployed after every change`,
      );
    const deployment = this.snapshot(false, input.description);
    if (stage) this.point(stage, deployment);
    return deployment;
  }

  listStages(): StageState[] {
    return [...this.stages.values()].map((s) => ({ ...s }));
  }

  getStage(stageName: string): StageState {
    return { ...this.stage(stageName) };
  }

  /** Validated whole before any field changes, so a refused patch leaves the stage as it was. */
  updateStage(stageName: string, patch: StagePatch): StageState {
    const stage = this.stage(stageName);
    const next = patch.deploymentId === undefined ? undefined : this.deployments.get(patch.deploymentId);
    if (patch.deploymentId !== undefined && !next)
      throw new ControlPlaneError(
        'NotFoundException',
        `Invalid Deployment identifier specified ${this.options.accountId}:${patch.deploymentId}`,
        'Deployment',
      );
    const autoDeploy = patch.autoDeploy ?? stage.autoDeploy;
    if (autoDeploy && next)
      throw new ControlPlaneError(
        'BadRequestException',
        'DeploymentId cannot be set on a stage with AutoDeploy enabled',
      );
    if (patch.description !== undefined) stage.description = patch.description;
    stage.lastUpdatedDate = this.now();
    if (next) this.point(stage, next);
    if (autoDeploy && !stage.autoDeploy) {
      stage.autoDeploy = true;
      // Turning AutoDeploy on deploys the draft as it stands.
      this.point(stage, this.snapshot(true));
    } else stage.autoDeploy = autoDeploy;
    return { ...stage };
  }

  // ---- internals ----

  private snapshot(autoDeployed: boolean, description?: string): Deployment {
    if (this.routes.size === 0)
      throw new ControlPlaneError(
        'BadRequestException',
        'At least one route is required before deploying the Api',
      );
    const routes: Record<string, RouteSpec | undefined> = {};
    for (const route of this.routes.values()) {
      const integration =
        route.target === undefined ? undefined : this.integrations.get(route.target.slice(13));
      const fn = integration && functionOfUri(integration.integrationUri);
      routes[route.routeKey] = fn
        ? Object.freeze({
            function: fn,
            ...(route.routeResponseSelectionExpression ? { routeResponse: true } : {}),
          })
        : undefined;
    }
    const deploymentId = newId(6);
    const deployment: Deployment = {
      deploymentId,
      createdDate: this.now(),
      deploymentStatus: 'DEPLOYED',
      autoDeployed,
      ...(description === undefined ? {} : { description }),
      snapshot: Object.freeze({
        deploymentId,
        routeSelectionExpression: this.api.routeSelectionExpression,
        routes: Object.freeze(routes),
        routeKeys: new Set(Object.keys(routes)),
        selector: compileRouteSelection(this.api.routeSelectionExpression),
      }),
    };
    this.deployments.set(deploymentId, deployment);
    return deployment;
  }

  private point(stage: StageState, deployment: Deployment): void {
    stage.deploymentId = deployment.deploymentId;
    stage.lastUpdatedDate = this.now();
    this.emit({
      kind: 'deployed',
      stageName: stage.stageName,
      deploymentId: deployment.deploymentId,
      autoDeployed: deployment.autoDeployed,
    });
  }

  private changed(what: string): void {
    this.emit({ kind: 'draft', what });
    for (const stage of this.stages.values()) {
      if (stage.autoDeploy && this.routes.size > 0) this.point(stage, this.snapshot(true));
    }
  }

  private emit(change: ControlPlaneChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        /* an observer's failure is not the caller's */
      }
    }
  }

  private route(routeId: string): ApiRoute {
    const route = this.routes.get(routeId);
    if (!route)
      throw new ControlPlaneError(
        'NotFoundException',
        `Invalid Route identifier specified ${this.options.accountId}:${routeId}`,
        'Route',
      );
    return route;
  }

  private stage(stageName: string): StageState {
    const stage = this.stages.get(stageName);
    if (!stage)
      throw new ControlPlaneError(
        'NotFoundException',
        `Invalid stage identifier specified ${this.options.accountId}:${stageName}`,
        'Stage',
      );
    return stage;
  }

  private integrationOfTarget(target: string): ApiIntegration {
    const id = /^integrations\/([a-z0-9]+)$/.exec(target)?.[1];
    const integration = id === undefined ? undefined : this.integrations.get(id);
    if (!integration)
      throw new ControlPlaneError(
        'BadRequestException',
        `Invalid target ${JSON.stringify(target)}: give integrations/<integrationId> of an integration of this API`,
      );
    return integration;
  }

  private invocationUri(functionName: string): string {
    const { region, accountId } = this.options;
    return `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${accountId}:function:${functionName}/invocations`;
  }

  private freshId(taken: Map<string, unknown>): string {
    for (;;) {
      const id = newId(7);
      if (!taken.has(id)) return id;
    }
  }
}
