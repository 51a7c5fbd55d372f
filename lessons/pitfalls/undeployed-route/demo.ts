/**
 * undeployed-route: each variant adds a `sendmessage` route (and its integration) to a running
 * API through the ApiGatewayV2 API, as the console does, then a client sends
 * `{"action":"sendmessage","message":"hi"}`. Broken: no deployment, so the stage still serves the
 * routes of the first deploy and the message lands in `$default`. Fixed: CreateDeployment with
 * the stage name, and the message reaches `sendmessage`. The function is the same in both.
 */
import { GetRoutesCommand, GetStageCommand } from '@aws-sdk/client-apigatewayv2';
import { tr, withParticle } from '../../runner/i18n.ts';
import { apiGatewayConsole } from '../kit/apigateway-console.ts';
import { brokenThenFixed, FUNCTION_NAME, quote, type Variant, type VariantSpec } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';
import * as broken from './broken.ts';
import * as fixed from './fixed.ts';

type AddRoute = (
  client: import('@aws-sdk/client-apigatewayv2').ApiGatewayV2Client,
  apiId: string,
  functionArn: string,
  stageName: string,
) => Promise<void>;

export const demo: Demo = async (ctx) => {
  ctx.log(
    tr(
      'the stack was deployed with $connect, $disconnect and $default; each run adds a sendmessage route afterwards, as the console does (workshop step 4-2).',
      '스택은 $connect, $disconnect, $default로 배포되어 있고, 각 실행은 그 뒤에 콘솔처럼 sendmessage 라우트를 추가합니다 (워크숍 4-2단계).',
    ),
  );
  return brokenThenFixed(
    ctx,
    'undeployed-route',
    variant('broken', broken.addSendMessageRoute),
    variant('fixed', fixed.addSendMessageRoute),
  );
};

function variant(label: 'broken' | 'fixed', addRoute: AddRoute): VariantSpec<Observation> {
  return {
    label,
    entry: 'handler.ts',
    routes: ['$connect', '$disconnect', '$default'],
    run: (v) => addThenSend(v, label, addRoute),
  };
}

async function addThenSend(v: Variant, label: 'broken' | 'fixed', addRoute: AddRoute): Promise<Observation> {
  const { apiId, stage, region, accountId } = v.emulator.stack;
  const functionArn = `arn:aws:lambda:${region}:${accountId}:function:${FUNCTION_NAME}`;
  const aws = apiGatewayConsole(v.emulator);
  try {
    const client = await v.connect('wscat');
    const deployedBefore = (await aws.client.send(new GetStageCommand({ ApiId: apiId, StageName: stage })))
      .DeploymentId;
    v.say(
      tr(
        `${label}.ts: CreateIntegration (AWS_PROXY → ${functionArn}), CreateRoute sendmessage${label === 'fixed' ? `, CreateDeployment on stage ${stage}` : ''}`,
        `${label}.ts: CreateIntegration (AWS_PROXY → ${functionArn}), CreateRoute sendmessage${label === 'fixed' ? `, 스테이지 ${stage}에 CreateDeployment` : ''}`,
      ),
    );
    await addRoute(aws.client, apiId, functionArn, stage);
    const routes = (await aws.client.send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? [];
    const keys = routes.map((r) => r.RouteKey ?? '?').sort();
    const deployedNow = (await aws.client.send(new GetStageCommand({ ApiId: apiId, StageName: stage })))
      .DeploymentId;
    const redeployed = deployedNow !== deployedBefore;
    v.say(
      tr(
        `GetRoutes: ${keys.join(', ')}; stage ${stage} serves deployment ${deployedNow}${redeployed ? ` (was ${deployedBefore})` : ', the one made at deploy time'}`,
        `GetRoutes: ${keys.join(', ')}; 스테이지 ${withParticle(stage, '은/는')} 배포 ${withParticle(String(deployedNow), '을/를')} 서비스 중${redeployed ? ` (이전 ${deployedBefore})` : ' (처음 배포 때 만든 것)'}`,
      ),
    );

    const sent = { action: 'sendmessage', message: 'hi' };
    client.send(sent);
    const reply = (await client.waitFor(
      (f) => typeof f === 'object' && f !== null && 'route' in f,
      10_000,
    )) as { route: string } | undefined;
    await v.invocationsEnded(2);
    const lines = v.ownLines().filter((line) => line.startsWith('route ') && line.includes('sendmessage'));
    const route = reply?.route ?? '(no answer)';
    v.say(
      tr(
        `wscat sent ${JSON.stringify(sent)}; it reached route ${route}; log: ${quote(lines, 1)}`,
        `wscat이 ${withParticle(JSON.stringify(sent), '을/를')} 보냄; 도착한 라우트: ${route}; 로그: ${quote(lines, 1, 'ko')}`,
      ),
    );
    const listed = keys.includes('sendmessage');
    if (label === 'broken')
      return {
        ok:
          listed &&
          !redeployed &&
          route === '$default' &&
          lines.some((l) => l.startsWith('route $default got')),
        observed: tr(
          `GetRoutes lists sendmessage, yet stage ${stage} still serves deployment ${deployedNow}: the message went to ${route} (log: ${quote(lines, 1)})`,
          `GetRoutes에는 sendmessage가 있지만 스테이지 ${withParticle(stage, '은/는')} 여전히 배포 ${withParticle(String(deployedNow), '을/를')} 서비스합니다: 메시지는 ${withParticle(route, '으로/로')} 갔습니다 (로그: ${quote(lines, 1, 'ko')})`,
        ),
      };
    return {
      ok:
        listed &&
        redeployed &&
        route === 'sendmessage' &&
        lines.some((l) => l.startsWith('route sendmessage got')),
      observed: tr(
        `after CreateDeployment stage ${stage} serves deployment ${deployedNow}; the message reached ${route} (log: ${quote(lines, 1)})`,
        `CreateDeployment 뒤 스테이지 ${withParticle(stage, '은/는')} 배포 ${withParticle(String(deployedNow), '을/를')} 서비스합니다; 메시지가 ${route}에 도착했습니다 (로그: ${quote(lines, 1, 'ko')})`,
      ),
    };
  } finally {
    aws.close();
  }
}
