/**
 * Six players type the right word at the same moment, as happens in a real room when the
 * consonant is easy. The demo counts who scored for each word in the User table.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
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
        ? `${raced.scorers} of ${PLAYERS.length} players scored for the one word "${raced.word}" (${summary(broken)})`
        : `every word had one scorer in ${broken.length} tries (${summary(broken)})`,
    },
    fixed: {
      ok: fixed.length === 3 && fixed.every((r) => r.scorers === 1),
      observed: `${summary(fixed)}; the other players' writes failed their condition and scored nothing`,
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
      v.say(`${PLAYERS.length} players connect: ${PLAYERS.join(', ')}`);
      const clients: TestClient[] = [];
      for (const name of PLAYERS) clients.push(await v.connect(name));

      // Warm instances first: a cold start takes far longer than a DynamoDB call, and would
      // spread the answers out in time the way a real, busy function does not.
      v.say('everyone sends "start!" at once, so Lambda starts an instance per player');
      await allAtOnce(clients, () => 'start!', 15_000);
      v.say(`warm instances of ${FUNCTION_NAME}: ${v.emulator.lambda.stats(FUNCTION_NAME).instances}`);

      const rounds: Round[] = [];
      for (let i = 0; i < words; i++) {
        const word = wordAt(i);
        const before = await scores(v);
        v.say(
          `the word is ${consonantsOf(word)}: all ${PLAYERS.length} players answer "${word}" at the same moment`,
        );
        await allAtOnce(clients, (c) => ({ username: c.name, content: word }), 15_000);
        const after = await scores(v);
        const scorers = [...after].filter(([id, n]) => n > (before.get(id) ?? 0)).length;
        const game = await v.db.get('Game', { id: 1 });
        v.say(
          `User table: ${scorers} player(s) scored for "${word}"; the Game row now shows ${String(game?.nowConsonant)}`,
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

function summary(rounds: Round[]): string {
  return rounds.map((r) => `"${r.word}": ${r.scorers} scored`).join(', ');
}
