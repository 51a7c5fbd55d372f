/**
 * undeployed-route, FIXED: the same route, then "Deploy API" (작업 → API 배포): a new deployment,
 * made the stage's current one. Only then do messages reach the new route.
 */
import {
  type ApiGatewayV2Client,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';

export async function addSendMessageRoute(
  client: ApiGatewayV2Client,
  apiId: string,
  functionArn: string,
  stageName: string,
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
  await client.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: stageName }));
}
