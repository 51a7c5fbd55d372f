/**
 * broadcast-in-connect: a new player connects to each variant and we wait for the game state
 * (초성 ㄱㅇㅈ). The broken one posts it during $connect; the fixed one answers a join message.
 */

import { tr } from '../../runner/i18n.ts';
import { isGameState } from '../../shared/ws-client.ts';
import { brokenThenFixed, quote, settle, type VariantSpec } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';
import { FIRST_GAME, seedGame } from './game.ts';

export const demo: Demo = async (ctx) => {
  ctx.log(`the Game table holds ${JSON.stringify(FIRST_GAME)} in both runs.`);
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
      v.say('철수 connected and waits for the game state, sending nothing');
      await v.invocationsEnded(1);
      await settle(1000);
      const gone = v.ownLines().filter((l) => /GoneException \(HTTP 410\)/.test(l));
      const got = player.received.some((f) => isGameState(f, FIRST_GAME.nowConsonant));
      v.say(`철수 received ${player.received.length} frame(s); the function's log: ${quote(gone, 1)}`);
      return {
        ok: !got && gone.length === 1,
        observed: `철수 never saw the 초성 ${FIRST_GAME.nowConsonant}; the log says ${quote(gone, 1)}`,
      };
    }),
    variant('fixed', async (v) => {
      const player = await v.connect('철수');
      player.send({ action: 'join', username: '철수' });
      v.say('철수 connected, then sent {"action":"join","username":"철수"}');
      const state = await player.waitFor((f) => isGameState(f, FIRST_GAME.nowConsonant), 5000);
      v.say(`철수 received ${state ? JSON.stringify(state) : 'nothing'}`);
      return {
        ok: state !== undefined,
        observed: state
          ? `철수 got the state right after joining: ${JSON.stringify(state)}`
          : '철수 got nothing',
      };
    }),
  );
};

function variant(label: 'broken' | 'fixed', run: VariantSpec<Observation>['run']): VariantSpec<Observation> {
  return { label, seed: seedGame, run };
}
