/**
 * A player sends a chat to the workshop's Python Lambda, which answers through @connections with
 * boto3: first on a runtime whose bundled boto3 predates apigatewaymanagementapi, then on the same
 * runtime with a layer that brings a newer boto3. The learner's evidence: what the player gets
 * back, and the function's log group.
 */
import { tr, withParticle } from '../../runner/i18n.ts';
import { brokenThenFixed, quote, settle, type VariantSpec } from '../kit/variant.ts';
import type { Demo } from '../types.ts';
import { buildSdkFolders, DEBIAN_SITE, MISSING_SERVICE } from './sdk-folders.ts';

/** A current runtime, so the demo is about boto3 and not about a deprecated Python. */
const RUNTIME = 'python3.11';
const CHAT = { username: 'kim', content: '안녕하세요' };

interface Outcome {
  /** What came back to the player (the echo, or API Gateway's error frame). */
  answer: unknown;
  errorLines: string[];
}

export const demo: Demo = async (ctx) => {
  const sdk = buildSdkFolders();
  ctx.log(
    tr(
      `the "old runtime" boto3 is a copy of Debian's botocore (${DEBIAN_SITE}) with botocore/data/${MISSING_SERVICE} removed; the layer holds Debian's complete boto3/botocore under python/`,
      `"옛 런타임"의 boto3는 데비안 botocore(${DEBIAN_SITE})를 복사하고 botocore/data/${MISSING_SERVICE}만 지운 것이고, 레이어에는 python/ 아래에 데비안의 온전한 boto3/botocore가 들어 있습니다`,
    ),
  );
  try {
    const { broken, fixed } = await brokenThenFixed(
      ctx,
      'python-old-boto3',
      play('broken', { runtime: RUNTIME, entry: 'handler.py', pythonSdkDir: sdk.oldRuntimeSdk }),
      play('fixed', {
        runtime: RUNTIME,
        entry: 'handler.py',
        pythonSdkDir: sdk.oldRuntimeSdk,
        layers: [sdk.newBoto3Layer],
      }),
    );
    const unknown = broken.errorLines.find((line) => line.includes('UnknownServiceError'));
    return {
      broken: {
        ok: (unknown?.includes(MISSING_SERVICE) ?? false) && !isEcho(broken.answer),
        observed: tr(
          `the player got ${JSON.stringify(broken.answer)}; the log group says: ${quote(unknown ? [unknown] : broken.errorLines, 1)}`,
          `플레이어가 받은 것: ${JSON.stringify(broken.answer)}; 로그 그룹: ${quote(unknown ? [unknown] : broken.errorLines, 1, 'ko')}`,
        ),
      },
      fixed: {
        ok: isEcho(fixed.answer) && fixed.errorLines.length === 0,
        observed: tr(
          `the player got its chat back (${JSON.stringify(fixed.answer)}); no errors in the log group`,
          `플레이어가 자기 채팅을 돌려받았습니다 (${JSON.stringify(fixed.answer)}); 로그 그룹에 오류가 없습니다`,
        ),
      },
    };
  } finally {
    sdk.remove();
  }
};

function play(
  label: 'broken' | 'fixed',
  options: Pick<VariantSpec<Outcome>, 'runtime' | 'entry' | 'pythonSdkDir' | 'layers'>,
): VariantSpec<Outcome> {
  return {
    label,
    ...options,
    routes: ['$connect', '$disconnect', '$default'],
    run: async (v) => {
      v.say(
        label === 'broken'
          ? tr(`${RUNTIME}, boto3 as the runtime bundles it`, `${RUNTIME}, 런타임에 든 boto3 그대로`)
          : tr(`${RUNTIME} + a layer with a newer boto3`, `${RUNTIME} + 새 boto3를 담은 레이어 추가`),
      );
      const player = await v.connect('kim');
      v.say(
        tr(
          `a player sends ${JSON.stringify(CHAT)}`,
          `플레이어가 ${withParticle(JSON.stringify(CHAT), '을/를')} 보냅니다`,
        ),
      );
      player.send(CHAT);
      const answer = await player.waitFor(() => true, 10_000);
      await settle(200);
      const got = JSON.stringify(answer);
      v.say(tr(`the player got: ${got ?? 'nothing'}`, `플레이어가 받은 것: ${got ?? '없음'}`));
      const errorLines = v.logLines().filter((line) => line.startsWith('[ERROR]'));
      for (const line of errorLines) v.say(tr(`log: ${quote([line], 1)}`, `로그: ${quote([line], 1)}`));
      return { answer, errorLines };
    },
  };
}

function isEcho(frame: unknown): boolean {
  const chat = frame as { username?: unknown; content?: unknown } | undefined;
  return chat?.username === CHAT.username && chat?.content === CHAT.content;
}
