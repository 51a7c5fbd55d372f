/**
 * Lesson 4's pure parts, judged on a table of cases before any emulator starts: one emulator
 * round cannot tell a whole-word check from a substring test, or see the wrap-around at the end
 * of the word list. Each case is built from the learner's own WORDS, so a changed list still works.
 */
import type { Checklist } from '../runner/checklist.ts';
import { type Text, tr, withParticle } from '../runner/i18n.ts';

export interface GameState {
  id: number;
  nowWordIdx: number;
  answeredWords: string;
  nowConsonant: string;
}

export interface GameRules {
  WORDS: string[];
  initialConsonants: (word: string) => string;
  isAnswer: (game: GameState, content: string) => boolean;
  nextGame: (game: GameState, answer: string) => GameState;
}

interface AnswerCase {
  what: Text;
  game: GameState;
  content: string;
  expected: boolean;
  hint: Text;
}

const words = (answered: string) => answered.split(', ').filter(Boolean);

export function answerCases(rules: GameRules): AnswerCase[] {
  const [w0 = '', w1 = ''] = rules.WORDS;
  const at = (idx: number, answeredWords: string): GameState => ({
    id: 1,
    nowWordIdx: idx,
    answeredWords,
    nowConsonant: rules.initialConsonants(rules.WORDS[idx] ?? ''),
  });
  return [
    {
      what: tr(`the current word "${w0}" counts`, `현재 단어 ${withParticle(`"${w0}"`, '은/는')} 정답`),
      game: at(0, ''),
      content: w0,
      expected: true,
      hint: tr('the current word is WORDS[game.nowWordIdx].', '현재 단어는 WORDS[game.nowWordIdx]입니다.'),
    },
    {
      what: tr(`another word of the list ("${w1}") does not count`, `목록의 다른 단어 ("${w1}")는 오답`),
      game: at(0, ''),
      content: w1,
      expected: false,
      hint: tr(
        'only the current word is an answer, not any word of the list.',
        '목록의 아무 단어가 아니라 현재 단어만 정답입니다.',
      ),
    },
    {
      what: tr(
        `part of the word ("${w0.slice(0, 1)}") does not count`,
        `단어의 일부 ("${w0.slice(0, 1)}")는 오답`,
      ),
      game: at(0, ''),
      content: w0.slice(0, 1),
      expected: false,
      hint: tr(
        'compare whole strings, not whether one contains the other.',
        '한 문자열이 다른 것을 포함하는지가 아니라 문자열 전체를 비교하세요.',
      ),
    },
    {
      what: tr(
        `a word already answered ("${w1}") does not count again`,
        `이미 맞힌 단어 ("${w1}")는 다시 정답이 아님`,
      ),
      game: at(1, `${w0}, ${w1}`),
      content: w1,
      expected: false,
      hint: tr(
        'answeredWords lists the words already taken, joined by ", ".',
        'answeredWords에는 이미 맞힌 단어가 ", "로 이어져 있습니다.',
      ),
    },
    {
      what: tr(
        `"${w1}" counts although an answered word ("${w1}나무") contains it`,
        `맞힌 단어 ("${w1}나무")가 ${withParticle(`"${w1}"`, '을/를')} 포함해도 ${withParticle(`"${w1}"`, '은/는')} 정답`,
      ),
      game: at(1, `${w0}, ${w1}나무`),
      content: w1,
      expected: true,
      hint: tr(
        'answeredWords is one string: includes() on it finds words inside other words (npm run pitfall -- substring-answered). Compare whole words.',
        'answeredWords는 문자열 하나라서 includes()는 다른 단어 안의 단어도 찾습니다 (npm run pitfall -- substring-answered). 단어 전체로 비교하세요.',
      ),
    },
    {
      what: tr(
        `"${w0}" typed as decomposed jamo (NFD, as some keyboards send it) counts`,
        `자모로 풀린 "${w0}" (NFD, 일부 키보드가 보내는 형태)도 정답`,
      ),
      game: at(0, ''),
      content: w0.normalize('NFD'),
      expected: true,
      hint: tr(
        'the same Hangul word has two Unicode forms (NFC: one code point per syllable, NFD: one per jamo); String.prototype.normalize turns one into the other.',
        '같은 한글 단어도 유니코드 형태가 둘입니다 (NFC: 음절마다 코드 포인트 하나, NFD: 자모마다 하나). String.prototype.normalize가 서로 바꿉니다.',
      ),
    },
  ];
}

export function checkRules(list: Checklist, rules: GameRules): boolean {
  let ok = true;
  if (rules.WORDS.length < 3) {
    list.fail(
      tr('WORDS holds at least three words', 'WORDS에 단어가 세 개 이상 있음'),
      tr(`it holds ${rules.WORDS.length}`, `${rules.WORDS.length}개가 있습니다`),
      tr('keep the workshop-style list of questions.', '워크숍처럼 문제 목록을 두세요.'),
    );
    return false;
  }
  for (const c of answerCases(rules)) {
    let got: unknown;
    try {
      got = rules.isAnswer(structuredClone(c.game), c.content);
    } catch (error) {
      got = `${(error as Error).name}: ${(error as Error).message}`;
    }
    ok =
      list.expect(
        got === c.expected,
        tr(`isAnswer: ${c.what.en}`, `isAnswer: ${c.what.ko}`),
        tr(
          `isAnswer(${JSON.stringify(c.game)}, ${JSON.stringify(c.content)}) gave ${JSON.stringify(got)}`,
          `isAnswer(${JSON.stringify(c.game)}, ${JSON.stringify(c.content)})의 결과: ${JSON.stringify(got)}`,
        ),
        c.hint,
      ) && ok;
  }
  return checkNextGame(list, rules) && ok;
}

function checkNextGame(list: Checklist, rules: GameRules): boolean {
  const { WORDS, initialConsonants } = rules;
  const [w0 = '', w1 = '', w2 = ''] = WORDS;
  const last = WORDS.length - 1;
  const run = (game: GameState, answer: string): GameState | string => {
    try {
      return rules.nextGame(structuredClone(game), answer);
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  };
  const state = (idx: number, answeredWords: string): GameState => ({
    id: 1,
    nowWordIdx: idx,
    answeredWords,
    nowConsonant: initialConsonants(WORDS[idx] ?? ''),
  });
  let ok = true;
  const first = run(state(0, ''), w0);
  ok =
    list.expect(
      typeof first === 'object' &&
        first.id === 1 &&
        first.nowWordIdx === 1 &&
        first.nowConsonant === initialConsonants(w1) &&
        JSON.stringify(words(first.answeredWords)) === JSON.stringify([w0]),
      tr(
        `nextGame: after "${w0}" comes word 1 with 초성 ${initialConsonants(w1)}, and "${w0}" is answered`,
        `nextGame: "${w0}" 다음은 초성 ${initialConsonants(w1)}인 1번 단어, ${withParticle(`"${w0}"`, '은/는')} 맞힌 단어`,
      ),
      tr(`got ${JSON.stringify(first)}`, `결과: ${JSON.stringify(first)}`),
      tr(
        'the next state has the next index, that word\'s 초성, and the answer added to answeredWords (", " between words).',
        '다음 상태에는 다음 인덱스, 그 단어의 초성, 그리고 answeredWords에 추가된 정답이 있습니다 (단어 사이는 ", ").',
      ),
    ) && ok;
  const second = run(state(1, w0), w1);
  ok =
    list.expect(
      typeof second === 'object' &&
        second.nowWordIdx === 2 &&
        second.nowConsonant === initialConsonants(w2) &&
        JSON.stringify(words(second.answeredWords)) === JSON.stringify([w0, w1]),
      tr('nextGame: answered words add up ("A, B")', 'nextGame: 맞힌 단어가 쌓임 ("A, B")'),
      tr(`got ${JSON.stringify(second)}`, `결과: ${JSON.stringify(second)}`),
      tr('keep the words answered before and add the new one.', '전에 맞힌 단어를 두고 새 단어를 더하세요.'),
    ) && ok;
  const wrapped = run(state(last, WORDS.slice(0, last).join(', ')), WORDS[last] ?? '');
  ok =
    list.expect(
      typeof wrapped === 'object' &&
        wrapped.nowWordIdx === 0 &&
        wrapped.nowConsonant === initialConsonants(w0) &&
        words(wrapped.answeredWords).length === 0,
      tr(
        'nextGame: after the last word it wraps around to word 0 and answeredWords starts over',
        'nextGame: 마지막 단어 다음에는 0번 단어로 돌아가고 answeredWords가 비워짐',
      ),
      tr(`got ${JSON.stringify(wrapped)}`, `결과: ${JSON.stringify(wrapped)}`),
      tr(
        `there is no WORDS[${WORDS.length}]: the index goes back to 0 (the remainder operator), and a new round has nothing answered yet.`,
        `${withParticle(`WORDS[${WORDS.length}]`, '은/는')} 없습니다: 인덱스는 0으로 돌아가고 (나머지 연산자), 새 라운드에는 맞힌 단어가 없습니다.`,
      ),
    ) && ok;
  return ok;
}
