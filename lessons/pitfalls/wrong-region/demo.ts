/**
 * wrong-region: one client connects to each variant. The broken handler's DynamoDB client talks
 * to us-east-1, where no table was ever made: "ResourceNotFoundException: Requested resource not
 * found", the upgrade is refused, and User in Seoul stays empty. The fixed one takes the region
 * Lambda gives it.
 */
import { tr } from '../../runner/i18n.ts';
import { brokenThenFixed, quote, type Variant, type VariantSpec } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';

export const demo: Demo = async (ctx) => {
  ctx.log(
    tr(
      'the tables are in ap-northeast-2 (Seoul); broken.ts pins its client to us-east-1, fixed.ts takes AWS_REGION.',
      '테이블은 ap-northeast-2 (서울)에 있습니다. broken.ts는 클라이언트를 us-east-1로 고정하고, fixed.ts는 AWS_REGION을 씁니다.',
    ),
  );
  return brokenThenFixed(ctx, 'wrong-region', variant('broken'), variant('fixed'));
};

function variant(label: 'broken' | 'fixed'): VariantSpec<Observation> {
  return { label, routes: ['$connect'], run: (v) => connectOnce(v, label) };
}

async function connectOnce(v: Variant, label: 'broken' | 'fixed'): Promise<Observation> {
  let refused = '';
  try {
    await v.connect('wscat');
  } catch (error) {
    refused = (error as Error).message;
  }
  const ended = await v.invocationsEnded(1);
  const rows = (await v.db.scanAll('User')).length;
  const notFound = v.ownLines().filter((line) => /ResourceNotFoundException/.test(line));
  v.say(
    tr(
      `${refused ? `refused: ${refused}` : 'connected'}; User in ap-northeast-2 holds ${rows} row(s); log: ${quote(notFound, 1)}`,
      `${refused ? `거부됨: ${refused}` : '연결됨'}; ap-northeast-2의 User 행 ${rows}개; 로그: ${quote(notFound, 1, 'ko')}`,
    ),
  );
  if (label === 'broken')
    return {
      ok:
        ended &&
        refused !== '' &&
        rows === 0 &&
        notFound.some((l) => l.includes('Requested resource not found')),
      observed: tr(
        `wscat was refused (${refused || 'it connected'}); the log says ${quote(notFound, 1)}; User in Seoul has ${rows} rows`,
        `wscat 연결이 거부되었습니다 (${refused || '연결됨'}); 로그: ${quote(notFound, 1, 'ko')}; 서울의 User 행 ${rows}개`,
      ),
    };
  return {
    ok: ended && refused === '' && rows === 1 && notFound.length === 0,
    observed: tr(
      `with the region from the environment, wscat connected and User in ap-northeast-2 holds ${rows} row`,
      `환경 변수의 리전을 쓰니 wscat이 연결되었고, ap-northeast-2의 User에 행이 ${rows}개 있습니다`,
    ),
  };
}
