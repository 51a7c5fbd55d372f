/**
 * broadcast-in-connect: a new player connects to each variant and we wait for the game state
 * (초성 ㄱㅇㅈ). The broken one posts it during $connect; the fixed one answers a join message.
 */

import { tr, withParticle } from '../../runner/i18n.ts';
import { isGameState } from '../../shared/ws-client.ts';
import { brokenThenFixed, quote, settle, type VariantSpec } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';
import { FIRST_GAME, seedGame } from './game.ts';

export const demo: Demo = async (ctx) => {
  ctx.log(
    tr(
      `the Game table holds ${JSON.stringify(FIRST_GAME)} in both runs.`,
      `두 실행 모두 Game 테이블에 ${withParticle(JSON.stringify(FIRST_GAME), '이/가')} 들어 있습니다.`,
    ),
  );
  ctx.log(
    tr(
      'broken.ts posts it to the new connection inside $connect; fixed.ts waits for {"action":"join"}.',
      'broken.ts는 $connect 안에서 새 연결로 보내고, fixed.ts는 {"action":"join"}을 기다립니다.',
    ),
  );
  return brokenThenFixed(
    ctx,
    'broadcast-in-connect',
    variant('broken', async (v) => {
      const player = await v.connect('철수');
      v.say(
        tr(
          '철수 connected and waits for the game state, sending nothing',
          '철수가 접속해서 아무것도 보내지 않고 게임 상태를 기다립니다',
        ),
      );
      await v.invocationsEnded(1);
      await settle(1000);
      const gone = v.ownLines().filter((l) => /GoneException \(HTTP 410\)/.test(l));
      const got = player.received.some((f) => isGameState(f, FIRST_GAME.nowConsonant));
      v.say(
        tr(
          `철수 received ${player.received.length} frame(s); the function's log: ${quote(gone, 1)}`,
          `철수가 받은 프레임 ${player.received.length}개; 함수의 로그: ${quote(gone, 1, 'ko')}`,
        ),
      );
      return {
        ok: !got && gone.length === 1,
        observed: tr(
          `철수 never saw the 초성 ${FIRST_GAME.nowConsonant}; the log says ${quote(gone, 1)}`,
          `철수는 초성(${FIRST_GAME.nowConsonant})을 끝내 보지 못했습니다; 로그: ${quote(gone, 1, 'ko')}`,
        ),
      };
    }),
    variant('fixed', async (v) => {
      const player = await v.connect('철수');
      player.send({ action: 'join', username: '철수' });
      v.say(
        tr(
          '철수 connected, then sent {"action":"join","username":"철수"}',
          '철수가 접속한 다음 {"action":"join","username":"철수"}를 보냈습니다',
        ),
      );
      const state = await player.waitFor((f) => isGameState(f, FIRST_GAME.nowConsonant), 5000);
      v.say(
        state
          ? tr(`철수 received ${JSON.stringify(state)}`, `철수가 받은 것: ${JSON.stringify(state)}`)
          : tr('철수 received nothing', '철수는 아무것도 받지 못했습니다'),
      );
      return {
        ok: state !== undefined,
        observed: state
          ? tr(
              `철수 got the state right after joining: ${JSON.stringify(state)}`,
              `철수는 join 직후 게임 상태를 받았습니다: ${JSON.stringify(state)}`,
            )
          : tr('철수 got nothing', '철수는 아무것도 받지 못했습니다'),
      };
    }),
  );
};

function variant(label: 'broken' | 'fixed', run: VariantSpec<Observation>['run']): VariantSpec<Observation> {
  return { label, seed: seedGame, run };
}
