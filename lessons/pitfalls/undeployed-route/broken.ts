/**
 * undeployed-route, BROKEN: what the console does when a route is added (step 4-2 of the
 * workshop): an integration with the function, a route `sendmessage` on it — and nothing more.
 * The route is in the API, but the stage still serves the deployment made before it.
 */
import {
  type ApiGatewayV2Client,
  CreateIntegrationCommand,
  CreateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';

export async function addSendMessageRoute(
  client: ApiGatewayV2Client,
  apiId: string,
  functionArn: string,
): Promise<void> {
  const integration = await client.send(
    new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: functionArn }),
  );
  await client.send(
    new CreateRouteCommand({
      ApiId: apiId,
      RouteKey: 'sendmessage',
      Target: `integrations/${integration.IntegrationId}`,
    }),
  );
}
