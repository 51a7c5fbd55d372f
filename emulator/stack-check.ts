/**
 * What every front end checks before anything starts: a stack that cannot run is refused while
 * nothing is running yet, naming the file and what is wrong, instead of after DynamoDB Local has
 * started.
 */
import { compileRouteSelection } from './gateway/model/route-selection.ts';
import type { Stack } from './stack.ts';

const IDENTITY_SOURCE = /^route\.request\.(header|querystring)\.[^.\s]+$/;

export function checkStack(stack: Stack, file: string): void {
  const names = new Set(stack.functions.map((fn) => fn.name));
  try {
    compileRouteSelection(stack.routeSelectionExpression);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  for (const [key, route] of Object.entries(stack.routes)) {
    if (!names.has(route.function)) {
      throw new Error(
        `${file}: route ${key} is integrated with ${route.function}, which is not a function of this stack.`,
      );
    }
  }
  if (!/^[a-z0-9]{10}$/.test(stack.apiId) && stack.apiId !== '*') {
    throw new Error(
      `${file}: API id ${JSON.stringify(stack.apiId)} is not 10 lower-case letters or digits, as API Gateway makes them.`,
    );
  }
  const authorizer = stack.connectAuthorizer;
  if (!authorizer) return;
  if (!names.has(authorizer.function)) {
    throw new Error(
      `${file}: authorizer ${authorizer.name} runs ${authorizer.function}, which is not a function of this stack.`,
    );
  }
  if (!stack.routes.$connect) {
    throw new Error(
      `${file}: authorizer ${authorizer.name} guards $connect, but the stack has no $connect route.`,
    );
  }
  if (authorizer.identitySource.length === 0) {
    throw new Error(`${file}: authorizer ${authorizer.name} has no identitySource.`);
  }
  for (const source of authorizer.identitySource) {
    if (!IDENTITY_SOURCE.test(source)) {
      throw new Error(
        `${file}: authorizer ${authorizer.name}: identity source ${JSON.stringify(source)} is not supported; use route.request.header.<Name> or route.request.querystring.<name>.`,
      );
    }
  }
  if (
    !Number.isInteger(authorizer.resultTtlSeconds) ||
    authorizer.resultTtlSeconds < 0 ||
    authorizer.resultTtlSeconds > 3600
  ) {
    throw new Error(
      `${file}: authorizer ${authorizer.name}: the result TTL must be 0 to 3600 seconds, not ${authorizer.resultTtlSeconds}.`,
    );
  }
}
