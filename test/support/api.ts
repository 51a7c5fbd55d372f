/** The WebSocket API the gateway tests serve. */
import type { RouteSpec, Stack } from '../../emulator/stack.ts';
import { TEST_REGION } from './engine.ts';

/** Stage dev of API chosung001 in TEST_REGION, account 123456789012, routes picked by `action`. */
export function testApi(
  routes: Record<string, RouteSpec>,
): Pick<Stack, 'stage' | 'region' | 'accountId' | 'apiId' | 'routes' | 'routeSelectionExpression'> {
  return {
    stage: 'dev',
    region: TEST_REGION,
    accountId: '123456789012',
    apiId: 'chosung001',
    routes,
    routeSelectionExpression: '$request.body.action',
  };
}
