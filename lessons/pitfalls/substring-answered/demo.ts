/**
 * 철수 answers 사과나무; the next word is 사과, and 영희 answers it. Whether her answer counts is
 * what a learner sees: the next consonant on screen and her score in User.
 */
import { type Text, tr, withParticle } from '../../runner/i18n.ts';
import { isGameState, type TestClient } from '../../shared/ws-client.ts';
import { consonantsOf } from '../kit/lambda.ts';
import { brokenThenFixed, type VariantSpec } from '../kit/variant.ts';
import { type Demo, DemoError } from '../types.ts';
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
  const told = (o: Outcome): Text =>
    tr(
      `after 영희 answered "${second}" the screen showed ${o.shown}, her answerCnt is ${o.score}, answeredWords is "${o.answeredWords}"`,
      `영희가 "${second}"라고 답한 뒤 화면의 초성은 ${o.shown}, 영희의 answerCnt는 ${o.score}, answeredWords는 "${o.answeredWords}"`,
    );
  return {
    broken: {
      ok: broken.shown === consonantsOf(second) && broken.score === 0,
      observed: tr(
        `${told(broken).en}: the right answer "${second}" was rejected because "${first}" contains it`,
        `${told(broken).ko}: "${first}" 안에 ${withParticle(`"${second}"`, '이/가')} 들어 있어서 정답이 거절되었습니다`,
      ),
    },
    fixed: {
      ok: fixed.shown === consonantsOf(third) && fixed.score === 1,
      observed: tr(
        `${told(fixed).en}: "${second}" was accepted and the game moved on`,
        `${told(fixed).ko}: ${withParticle(`"${second}"`, '이/가')} 정답으로 인정되고 게임이 다음으로 넘어갔습니다`,
      ),
    },
  };
};

function play(label: 'broken' | 'fixed'): VariantSpec<Outcome> {
  return {
    label,
    run: async (v) => {
      v.say(tr('철수 and 영희 connect', '철수와 영희가 접속합니다'));
      const a = await v.connect('철수');
      const b = await v.connect('영희');

      v.say(
        tr(
          `철수 answers "${wordAt(0)}" (${consonantsOf(wordAt(0))})`,
          `철수가 "${wordAt(0)}"(${consonantsOf(wordAt(0))})라고 답합니다`,
        ),
      );
      const afterFirst = await say(a, b, wordAt(0));
      v.say(
        tr(
          `the game moves on to ${afterFirst.nowConsonant}; answeredWords is "${afterFirst.answeredWords}"`,
          `게임이 다음 초성(${afterFirst.nowConsonant})으로 넘어갑니다; answeredWords는 "${afterFirst.answeredWords}"`,
        ),
      );
      // The one row that scored is 철수's; the other is 영희's.
      const scorers = (await v.db.scanAll('User')).filter((row) => row.answerCnt === 1);
      const cheolsu = scorers.length === 1 ? scorers[0]?.connectionId : undefined;
      if (cheolsu === undefined)
        throw new DemoError(
          tr(
            `철수's answer should score exactly once; ${scorers.length} rows scored`,
            `철수의 답은 딱 한 번 점수가 올라야 하는데, 점수가 오른 행이 ${scorers.length}개입니다`,
          ),
        );

      v.say(
        tr(
          `영희 answers "${wordAt(1)}", the right word for ${consonantsOf(wordAt(1))}`,
          `영희가 ${consonantsOf(wordAt(1))}의 정답 "${wordAt(1)}"라고 답합니다`,
        ),
      );
      const afterSecond = await say(b, b, wordAt(1));
      const younghee = (await v.db.scanAll('User')).find((row) => row.connectionId !== cheolsu);
      const score = Number(younghee?.answerCnt);
      v.say(
        tr(
          `영희's screen shows ${afterSecond.nowConsonant}; her answerCnt in User is ${score}`,
          `영희의 화면에 보이는 초성: ${afterSecond.nowConsonant}; User의 answerCnt: ${score}`,
        ),
      );
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
  if (!frame)
    throw new DemoError(
      tr(
        `${watcher.name} received no game state after "${word}"`,
        `"${word}" 뒤에 ${watcher.name}에게 게임 상태가 오지 않았습니다`,
      ),
    );
  return frame as State;
}
