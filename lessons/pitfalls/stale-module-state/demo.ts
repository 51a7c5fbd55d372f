/**
 * Two players, two warm Lambda instances. One player answers; then both ask for the game state
 * at the same moment, so each instance answers one of them. With the game kept in module scope
 * the instance that did not see the answer still sends the old consonant.
 */
import { type Text, tr } from '../../runner/i18n.ts';
import { isGameState } from '../../shared/ws-client.ts';
import { consonantsOf } from '../kit/lambda.ts';
import {
  allAtOnce,
  brokenThenFixed,
  eventually,
  FUNCTION_NAME,
  type Variant,
  type VariantSpec,
} from '../kit/variant.ts';
import { wordAt } from '../kit/words.ts';
import type { Demo, Observation } from '../types.ts';

const OLD = consonantsOf(wordAt(0));
const NEW = consonantsOf(wordAt(1));

export const demo: Demo = (ctx) =>
  brokenThenFixed(
    ctx,
    'stale-module-state',
    play('broken', (seen) => {
      const stale = seen.frames.includes(OLD);
      return {
        ok: stale && seen.byInstance.size >= 2 && new Set(seen.byInstance.values()).size >= 2,
        observed: tr(
          `${describe(seen).en}${stale ? ` — 철수 was shown the old ${OLD} after the game had moved on` : ''}`,
          `${describe(seen).ko}${stale ? ` — 게임이 넘어간 뒤에도 철수에게 옛 초성(${OLD})이 보였습니다` : ''}`,
        ),
      };
    }),
    play('fixed', (seen) => ({
      ok: seen.byInstance.size >= 2 && seen.frames.length > 0 && seen.frames.every((c) => c === NEW),
      observed: describe(seen),
    })),
  );

interface Seen {
  /** Consonants 철수 received after the answer, in arrival order. */
  frames: string[];
  /** Consonant each instance (log stream) sent in the last round. */
  byInstance: Map<string, string>;
}

function play(label: 'broken' | 'fixed', judge: (seen: Seen) => Observation): VariantSpec<Observation> {
  return {
    label,
    // Two instances at most: then any two messages at once are answered by both of them.
    maxInstancesPerFunction: 2,
    run: async (v) => {
      v.say(tr('철수 and 영희 connect', '철수와 영희가 접속합니다'));
      const a = await v.connect('철수');
      const b = await v.connect('영희');

      v.say(
        tr(
          'both send "start!" at the same moment, so Lambda starts a second instance',
          '둘이 같은 순간에 "start!"를 보내서, Lambda가 두 번째 인스턴스를 띄웁니다',
        ),
      );
      for (let tries = 0; tries < 5 && v.emulator.lambda.stats(FUNCTION_NAME).instances < 2; tries++) {
        await allAtOnce([a, b], () => 'start!');
      }
      const instances = v.emulator.lambda.stats(FUNCTION_NAME).instances;
      v.say(
        tr(
          `warm instances of ${FUNCTION_NAME}: ${instances}`,
          `${FUNCTION_NAME}의 웜 인스턴스: ${instances}개`,
        ),
      );
      if (instances < 2)
        return {
          ok: false,
          observed: tr(
            `only ${instances} instance started; cannot compare two`,
            `인스턴스가 ${instances}개만 떠서 둘을 비교할 수 없습니다`,
          ),
        };

      v.say(
        tr(
          `영희 answers "${wordAt(0)}" (${OLD}); the game should move on to ${NEW}`,
          `영희가 "${wordAt(0)}"(${OLD})라고 답합니다; 게임은 다음 초성(${NEW})으로 넘어가야 합니다`,
        ),
      );
      b.send({ username: '영희', content: wordAt(0) });
      const moved = await a.waitFor((f) => isGameState(f, NEW));
      if (!moved)
        return {
          ok: false,
          observed: tr(
            `철수 never saw ${NEW} after the answer`,
            `답한 뒤에도 철수는 새 초성(${NEW})을 받지 못했습니다`,
          ),
        };
      const afterAnswer = a.received.length;

      let byInstance = new Map<string, string>();
      // Two messages at once land on two instances almost always; a round where one instance
      // took both (it finished before the other arrived) proves nothing, so it is repeated.
      for (let round = 1; round <= 4 && byInstance.size < 2; round++) {
        v.say(
          tr(
            `both players send "start!" at once (round ${round}); each instance answers one of them`,
            `두 플레이어가 동시에 "start!"를 보냅니다 (${round}회차); 인스턴스가 하나씩 맡아 답합니다`,
          ),
        );
        const since = Date.now();
        await allAtOnce([a, b], () => 'start!');
        // Log lines travel with the invocation's result, a moment after its posts.
        await eventually(async () => sentLines(v, since).length >= 2);
        byInstance = sentPerInstance(v, since);
      }
      const frames = a.received
        .slice(afterAnswer)
        .filter((f) => isGameState(f))
        .map(consonantOfFrame);
      const seen = { frames, byInstance };
      v.say(tr(`철수 received, in order: ${frames.join(' → ')}`, `철수가 받은 순서: ${frames.join(' → ')}`));
      return judge(seen);
    },
  };
}

/** Which consonant each instance logged from time `since` on; each instance has its own log stream. */
function sentPerInstance(v: Variant, since: number): Map<string, string> {
  return new Map(sentLines(v, since).map(({ stream, consonant }) => [stream, consonant]));
}

function sentLines(v: Variant, since: number): Array<{ stream: string; consonant: string }> {
  return v.logs(since).flatMap(({ stream, message }) => {
    const consonant = /game state sent: (\S+)/.exec(message)?.[1];
    return consonant ? [{ stream, consonant }] : [];
  });
}

function consonantOfFrame(frame: unknown): string {
  return String((frame as { nowConsonant: unknown }).nowConsonant);
}

function describe(seen: Seen): Text {
  const sent = [...seen.byInstance.values()];
  const said = sent.map((c, i) => `instance ${i + 1} sent ${c}`).join(', ');
  const saidKo = sent.map((c, i) => `인스턴스 ${i + 1} → ${c}`).join(', ');
  const got = seen.frames.join(', ');
  return tr(
    `after the answer, ${said || 'no instance logged a state'}; 철수 received ${got || 'nothing'}`,
    `답한 뒤 ${saidKo ? `인스턴스가 보낸 초성: ${saidKo}` : '어느 인스턴스도 상태를 로그에 남기지 않았습니다'}; 철수가 받은 것: ${got || '없음'}`,
  );
}
