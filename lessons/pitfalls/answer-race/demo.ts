/**
 * Six players type the right word at the same moment, as happens in a real room when the
 * consonant is easy. The demo counts who scored for each word in the User table.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Text, tr, withParticle } from '../../runner/i18n.ts';
import type { TestClient } from '../../shared/ws-client.ts';
import { consonantsOf } from '../kit/lambda.ts';
import { allAtOnce, brokenThenFixed, FUNCTION_NAME, type Variant, type VariantSpec } from '../kit/variant.ts';
import { wordAt } from '../kit/words.ts';
import type { Demo } from '../types.ts';

const PLAYERS = ['철수', '영희', '민수', '지영', '현우', '수진'];

interface Round {
  word: string;
  /** How many players' answerCnt went up for this one word. */
  scorers: number;
}

export const demo: Demo = async (ctx) => {
  // A race does not show on every try, so the broken run gets several words to show it on.
  const { broken, fixed } = await brokenThenFixed(
    ctx,
    'answer-race',
    play('broken', 5, (r) => r.scorers >= 2),
    play('fixed', 3),
  );
  const raced = broken.find((r) => r.scorers >= 2);
  return {
    broken: {
      ok: raced !== undefined,
      observed: raced
        ? tr(
            `${raced.scorers} of ${PLAYERS.length} players scored for the one word "${raced.word}" (${summary(broken).en})`,
            `단어 하나 "${raced.word}"에 플레이어 ${PLAYERS.length}명 중 ${raced.scorers}명이 점수를 받았습니다 (${summary(broken).ko})`,
          )
        : tr(
            `every word had one scorer in ${broken.length} tries (${summary(broken).en})`,
            `${broken.length}번 시도 모두 단어마다 점수를 받은 사람이 한 명뿐이었습니다 (${summary(broken).ko})`,
          ),
    },
    fixed: {
      ok: fixed.length === 3 && fixed.every((r) => r.scorers === 1),
      observed: tr(
        `${summary(fixed).en}; the other players' writes failed their condition and scored nothing`,
        `${summary(fixed).ko}; 나머지 플레이어의 쓰기는 조건에 걸려 실패했고 점수를 받지 못했습니다`,
      ),
    },
  };
};

function play(
  label: 'broken' | 'fixed',
  words: number,
  stopWhen: (round: Round) => boolean = () => false,
): VariantSpec<Round[]> {
  return {
    label,
    run: async (v) => {
      await v.db.doc.send(
        new PutCommand({
          TableName: 'Game',
          Item: { id: 1, nowWordIdx: 0, answeredWords: '', nowConsonant: consonantsOf(wordAt(0)) },
        }),
      );
      v.say(
        tr(
          `${PLAYERS.length} players connect: ${PLAYERS.join(', ')}`,
          `플레이어 ${PLAYERS.length}명이 접속합니다: ${PLAYERS.join(', ')}`,
        ),
      );
      const clients: TestClient[] = [];
      for (const name of PLAYERS) clients.push(await v.connect(name));

      // Warm instances first: a cold start takes far longer than a DynamoDB call, and would
      // spread the answers out in time the way a real, busy function does not.
      v.say(
        tr(
          'everyone sends "start!" at once, so Lambda starts an instance per player',
          '모두가 동시에 "start!"를 보내서, Lambda가 플레이어마다 인스턴스를 하나씩 띄웁니다',
        ),
      );
      await allAtOnce(clients, () => 'start!', 15_000);
      const warm = v.emulator.lambda.stats(FUNCTION_NAME).instances;
      v.say(tr(`warm instances of ${FUNCTION_NAME}: ${warm}`, `${FUNCTION_NAME}의 웜 인스턴스: ${warm}개`));

      const rounds: Round[] = [];
      for (let i = 0; i < words; i++) {
        const word = wordAt(i);
        const before = await scores(v);
        v.say(
          tr(
            `the word is ${consonantsOf(word)}: all ${PLAYERS.length} players answer "${word}" at the same moment`,
            `문제는 ${consonantsOf(word)}: 플레이어 ${PLAYERS.length}명 모두가 같은 순간에 "${word}"라고 답합니다`,
          ),
        );
        await allAtOnce(clients, (c) => ({ username: c.name, content: word }), 15_000);
        const after = await scores(v);
        const scorers = [...after].filter(([id, n]) => n > (before.get(id) ?? 0)).length;
        const game = await v.db.get('Game', { id: 1 });
        v.say(
          tr(
            `User table: ${scorers} player(s) scored for "${word}"; the Game row now shows ${String(game?.nowConsonant)}`,
            `User 테이블: ${withParticle(`"${word}"`, '으로/로')} 점수를 받은 플레이어 ${scorers}명; 이제 Game 행의 초성은 ${String(game?.nowConsonant)}`,
          ),
        );
        rounds.push({ word, scorers });
        if (stopWhen({ word, scorers })) break;
      }
      return rounds;
    },
  };
}

async function scores(v: Variant): Promise<Map<string, number>> {
  const rows = await v.db.scanAll('User');
  return new Map(rows.map((row) => [String(row.connectionId), Number(row.answerCnt ?? 0)]));
}

function summary(rounds: Round[]): Text {
  return tr(
    rounds.map((r) => `"${r.word}": ${r.scorers} scored`).join(', '),
    rounds.map((r) => `"${r.word}": ${r.scorers}명 득점`).join(', '),
  );
}
