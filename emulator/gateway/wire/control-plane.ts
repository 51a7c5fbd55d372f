/**
 * The ApiGatewayV2 management REST API (restJson1, `https://apigateway.<region>.amazonaws.com/v2/…`),
 * the subset the console uses to add a route and deploy it: GetApis, GetApi, GetRoutes, GetRoute,
 * CreateRoute, DeleteRoute, GetIntegrations, CreateIntegration, CreateDeployment, GetDeployments,
 * GetStages, GetStage, UpdateStage. Paths, status codes and camelCase bodies as
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/ and @aws-sdk/client-apigatewayv2
 * define them. Every call is SigV4-signed (service `apigateway`) and authorized by IAM as
 * `apigateway:<METHOD>` on `arn:aws:apigateway:<region>::/apis/…`
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Authorizer, CallCheck, Principal, ServiceCall } from '../../contracts.ts';
import { closeAfterAnswer, declaredTooLarge, readBody } from '../../http/body.ts';
import {
  type ControlPlane,
  ControlPlaneError,
  type Deployment,
  type StageState,
} from '../model/control-plane.ts';
import { newHttpRequestId } from '../model/ids.ts';
import { refuseMissingToken, sendAwsError, sendJson } from './aws-errors.ts';

export interface ControlPlaneHandlerOptions {
  plane: ControlPlane;
  auth: Authorizer;
  region: string;
  /** Told of every call once answered (the trace listens). */
  onCall?: ((call: ServiceCall) => void) | undefined;
}

export type ControlPlaneHandler = (req: IncomingMessage, res: ServerResponse) => void;

const MAX_BODY = 64 * 1024;

const createRouteBody = z.object({
  routeKey: z.string().min(1).max(128),
  target: z.string().optional(),
  routeResponseSelectionExpression: z.string().optional(),
  authorizationType: z.literal('NONE').optional(),
  apiKeyRequired: z.literal(false).optional(),
  operationName: z.string().optional(),
});
const createIntegrationBody = z.object({
  integrationType: z.string(),
  integrationUri: z.string().optional(),
  integrationMethod: z.string().optional(),
  timeoutInMillis: z.number().int().optional(),
  description: z.string().optional(),
  payloadFormatVersion: z.literal('1.0').optional(),
  connectionType: z.literal('INTERNET').optional(),
});
const createDeploymentBody = z.object({
  stageName: z.string().min(1).optional(),
  description: z.string().max(1024).optional(),
});
const updateStageBody = z.object({
  deploymentId: z.string().min(1).optional(),
  autoDeploy: z.boolean().optional(),
  description: z.string().max(1024).optional(),
});

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Operation {
  name: string;
  method: Method;
  pattern: RegExp;
  status: number;
  run(plane: ControlPlane, params: string[], body: unknown): unknown;
}

const list = <T>(items: T[]) => ({ items });

function deploymentShape(d: Deployment) {
  return {
    deploymentId: d.deploymentId,
    createdDate: d.createdDate,
    deploymentStatus: d.deploymentStatus,
    autoDeployed: d.autoDeployed,
    ...(d.description === undefined ? {} : { description: d.description }),
  };
}

function stageShape(s: StageState) {
  return {
    ...s,
    apiGatewayManaged: false,
    defaultRouteSettings: { dataTraceEnabled: false, detailedMetricsEnabled: false },
    routeSettings: {},
    stageVariables: {},
    tags: {},
  };
}

/** Parses with zod; a failure is AWS's BadRequestException naming the field. */
function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw new ControlPlaneError(
    'BadRequestException',
    `Invalid input for ${field}: ${issue?.message ?? 'invalid'}`,
  );
}

const API = '/v2/apis/([^/]+)';
const OPERATIONS: Operation[] = [
  { name: 'GetApis', method: 'GET', pattern: /^\/v2\/apis$/, status: 200, run: (p) => list([p.api]) },
  { name: 'GetApi', method: 'GET', pattern: re(`${API}`), status: 200, run: (p) => p.api },
  {
    name: 'GetRoutes',
    method: 'GET',
    pattern: re(`${API}/routes`),
    status: 200,
    run: (p) => list(p.listRoutes()),
  },
  {
    name: 'CreateRoute',
    method: 'POST',
    pattern: re(`${API}/routes`),
    status: 201,
    run: (p, _, body) => p.createRoute(parse(createRouteBody, body)),
  },
  {
    name: 'GetRoute',
    method: 'GET',
    pattern: re(`${API}/routes/([^/]+)`),
    status: 200,
    run: (p, [, id]) => p.getRoute(id as string),
  },
  {
    name: 'DeleteRoute',
    method: 'DELETE',
    pattern: re(`${API}/routes/([^/]+)`),
    status: 204,
    run: (p, [, id]) => {
      p.deleteRoute(id as string);
      return undefined;
    },
  },
  {
    name: 'GetIntegrations',
    method: 'GET',
    pattern: re(`${API}/integrations`),
    status: 200,
    run: (p) => list(p.listIntegrations()),
  },
  {
    name: 'CreateIntegration',
    method: 'POST',
    pattern: re(`${API}/integrations`),
    status: 201,
    run: (p, _, body) => p.createIntegration(parse(createIntegrationBody, body)),
  },
  {
    name: 'GetDeployments',
    method: 'GET',
    pattern: re(`${API}/deployments`),
    status: 200,
    run: (p) => list(p.listDeployments().map(deploymentShape)),
  },
  {
    name: 'CreateDeployment',
    method: 'POST',
    pattern: re(`${API}/deployments`),
    status: 201,
    run: (p, _, body) => deploymentShape(p.createDeployment(parse(createDeploymentBody, body))),
  },
  {
    name: 'GetStages',
    method: 'GET',
    pattern: re(`${API}/stages`),
    status: 200,
    run: (p) => list(p.listStages().map(stageShape)),
  },
  {
    name: 'GetStage',
    method: 'GET',
    pattern: re(`${API}/stages/([^/]+)`),
    status: 200,
    run: (p, [, name]) => stageShape(p.getStage(name as string)),
  },
  {
    name: 'UpdateStage',
    method: 'PATCH',
    pattern: re(`${API}/stages/([^/]+)`),
    status: 200,
    run: (p, [, name], body) => stageShape(p.updateStage(name as string, parse(updateStageBody, body))),
  },
];

function re(source: string): RegExp {
  return new RegExp(`^${source}$`);
}

function match(
  method: string,
  path: string,
): { op: Operation; params: string[] } | 'wrong-method' | undefined {
  let pathKnown = false;
  for (const op of OPERATIONS) {
    const m = op.pattern.exec(path);
    if (!m) continue;
    pathKnown = true;
    if (op.method === method) return { op, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return pathKnown ? 'wrong-method' : undefined;
}

export function createControlPlaneHandler(options: ControlPlaneHandlerOptions): ControlPlaneHandler {
  const { plane, auth, region } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse, traced: Traced): Promise<void> => {
    const requestId = traced.requestId;
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'https://apigateway.invalid');
    const path = url.pathname.replace(/\/+$/, '');
    const found = match(method, path);
    if (found === undefined || found === 'wrong-method') {
      traced.errorType = found === undefined ? 'NotFoundException' : 'MissingAuthenticationTokenException';
      if (found === 'wrong-method') {
        refuseMissingToken(req, res, requestId);
        return;
      }
      closeAfterAnswer(req, res);
      sendAwsError(res, 404, 'NotFoundException', `Invalid request path ${path}`, requestId);
      return;
    }
    traced.action = found.op.name;
    traced.target = path.replace(/^\/v2/, '');
    const head = { method, url: req.url ?? '/', headers: req.headers };
    const screened = auth.screen?.(head, 'apigateway');
    if (screened && !screened.ok) {
      closeAfterAnswer(req, res);
      traced.errorType = screened.errorType;
      sendAwsError(res, screened.status, screened.errorType, screened.message, requestId);
      return;
    }
    if (declaredTooLarge(req, MAX_BODY)) {
      closeAfterAnswer(req, res);
      traced.errorType = 'BadRequestException';
      sendAwsError(res, 413, 'BadRequestException', `Request body over ${MAX_BODY} bytes`, requestId);
      return;
    }
    const read = await readBody(req, MAX_BODY);
    if (!read.ok) {
      traced.errorType = 'BadRequestException';
      sendAwsError(res, 413, 'BadRequestException', `Request body over ${MAX_BODY} bytes`, requestId);
      return;
    }
    traced.body = read.body;
    const identity = auth.identify({ ...head, body: read.body }, 'apigateway');
    if (!identity.ok) {
      traced.errorType = identity.errorType;
      sendAwsError(res, identity.status, identity.errorType, identity.message, requestId);
      return;
    }
    traced.principal = identity.principal;
    const action = `apigateway:${method}`;
    const resource = `arn:aws:apigateway:${region}::${traced.target}`;
    const decision = auth.authorize(identity.principal, action, resource);
    traced.checks.push({ action, resource, allowed: decision.allowed, message: decision.message });
    if (!decision.allowed) {
      traced.errorType = 'AccessDeniedException';
      sendAwsError(res, 403, 'AccessDeniedException', decision.message, requestId);
      return;
    }
    try {
      const [apiId] = found.params;
      if (apiId !== undefined) plane.checkApi(apiId);
      let body: unknown = {};
      if (read.body.length > 0) {
        try {
          body = JSON.parse(read.body.toString('utf8'));
        } catch {
          throw new ControlPlaneError('BadRequestException', 'The request body is not valid JSON');
        }
      }
      const result = found.op.run(plane, found.params, body);
      if (found.op.status === 204) {
        res.writeHead(204, { 'x-amzn-RequestId': requestId });
        res.end();
      } else sendJson(res, found.op.status, result, {}, requestId);
    } catch (error) {
      if (!(error instanceof ControlPlaneError)) throw error;
      traced.errorType = error.type;
      sendJson(
        res,
        error.status,
        { message: error.message, ...(error.resourceType ? { resourceType: error.resourceType } : {}) },
        { 'x-amzn-ErrorType': error.type },
        requestId,
      );
    }
  };

  return (req, res) => {
    const traced = traceCall(options, req, res);
    handle(req, res, traced).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      traced.errorType = 'InternalServerErrorException';
      sendAwsError(res, 500, 'InternalServerErrorException', 'Internal server error', traced.requestId);
    });
  };
}

// ---- trace: what one call did (see onCall) ----
interface Traced {
  requestId: string;
  action: string;
  target: string;
  principal?: Principal;
  checks: CallCheck[];
  body?: Buffer;
  errorType?: string;
}

function traceCall(options: ControlPlaneHandlerOptions, req: IncomingMessage, res: ServerResponse): Traced {
  const startedAt = Date.now();
  const traced: Traced = { requestId: newHttpRequestId(), action: '?', target: req.url ?? '/', checks: [] };
  const onCall = options.onCall;
  if (!onCall) return traced;
  res.once('finish', () => {
    const trace = req.headers['x-amzn-trace-id'];
    try {
      onCall({
        service: 'apigateway',
        action: traced.action,
        target: traced.target,
        ...(traced.principal ? { principal: traced.principal } : {}),
        ...(typeof trace === 'string' ? { traceHeader: trace } : {}),
        requestId: traced.requestId,
        checks: traced.checks,
        startedAt,
        latencyMs: Date.now() - startedAt,
        status: res.statusCode,
        ...(traced.errorType ? { errorType: traced.errorType } : {}),
        ...(traced.body ? { body: traced.body.subarray(0, 4096).toString('utf8') } : {}),
      });
    } catch {
      /* an observer's failure is not the caller's */
    }
  });
  return traced;
}
// ---- end trace ----
