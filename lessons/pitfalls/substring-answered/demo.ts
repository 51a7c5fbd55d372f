/**
 * 철수 answers 사과나무; the next word is 사과, and 영희 answers it. Whether her answer counts is
 * what a learner sees: the next consonant on screen and her score in User.
 */
import { isGameState, type TestClient } from '../../shared/ws-client.ts';
import { consonantsOf } from '../kit/lambda.ts';
import { brokenThenFixed, type VariantSpec } from '../kit/variant.ts';
import type { Demo } from '../types.ts';
import { wordAt } from './words.ts';

interface Outcome {
  /** The consonant 영희 was shown after her answer. */
  shown: string;
  /** 영희's answerCnt in User. */
  score: number;
  answeredWords: string;
}

export const demo: Demo = async (ctx) => {
  const [first, second, third] = [wordAt(0), wordAt(1), wordAt(2)];
  const { broken, fixed } = await brokenThenFixed(ctx, 'substring-answered', play('broken'), play('fixed'));
  const told = (o: Outcome) =>
    `after 영희 answered "${second}" the screen showed ${o.shown}, her answerCnt is ${o.score}, answeredWords is "${o.answeredWords}"`;
  return {
    broken: {
      ok: broken.shown === consonantsOf(second) && broken.score === 0,
      observed: `${told(broken)}: the right answer "${second}" was rejected because "${first}" contains it`,
    },
    fixed: {
      ok: fixed.shown === consonantsOf(third) && fixed.score === 1,
      observed: `${told(fixed)}: "${second}" was accepted and the game moved on`,
    },
  };
};

function play(label: 'broken' | 'fixed'): VariantSpec<Outcome> {
  return {
    label,
    run: async (v) => {
      v.say('철수 and 영희 connect');
      const a = await v.connect('철수');
      const b = await v.connect('영희');

      v.say(`철수 answers "${wordAt(0)}" (${consonantsOf(wordAt(0))})`);
      const afterFirst = await say(a, b, wordAt(0));
      v.say(
        `the game moves on to ${afterFirst.nowConsonant}; answeredWords is "${afterFirst.answeredWords}"`,
      );
      // The one row that scored is 철수's; the other is 영희's.
      const scorers = (await v.db.scanAll('User')).filter((row) => row.answerCnt === 1);
      const cheolsu = scorers.length === 1 ? scorers[0]?.connectionId : undefined;
      if (cheolsu === undefined)
        throw new Error(`철수's answer should score exactly once; ${scorers.length} rows scored`);

      v.say(`영희 answers "${wordAt(1)}", the right word for ${consonantsOf(wordAt(1))}`);
      const afterSecond = await say(b, b, wordAt(1));
      const younghee = (await v.db.scanAll('User')).find((row) => row.connectionId !== cheolsu);
      const score = Number(younghee?.answerCnt);
      v.say(`영희's screen shows ${afterSecond.nowConsonant}; her answerCnt in User is ${score}`);
      return { shown: afterSecond.nowConsonant, score, answeredWords: afterSecond.answeredWords };
    },
  };
}

interface State {
  nowConsonant: string;
  answeredWords: string;
}

/** `from` chats `word`; resolves with the next game state `watcher` receives. */
async function say(from: TestClient, watcher: TestClient, word: string): Promise<State> {
  const seen = watcher.received.length;
  from.send({ username: from.name, content: word });
  const frame = await watcher.waitFor((f) => watcher.received.indexOf(f) >= seen && isGameState(f));
  if (!frame) throw new Error(`${watcher.name} received no game state after "${word}"`);
  return frame as State;
}
