/**
 * Lesson 5, exercise: the workshop's own list of improvements ("개선 및 보완사항").
 *
 * 1. The word list was hard-coded in the Lambda; it belongs in a store outside the code.
 * 2. One answer per 초성 was assumed: ㅅㄹ accepted only 사람, not 사랑, 서랍 or 소리.
 * 3. An extra screen stood between the nickname and the room, because state sent during
 *    $connect never arrived.
 * 4. There were no rooms: a lone player reset everyone's game.
 * 5. answerCnt was stored but never shown.
 *
 * The improved app in lambda/ fixes all five. It reads its questions and answers from the Words
 * table, which YOUR bankItems() fills, and players enter a room with YOUR joinMessage().
 * Run `npm run lesson:5`: the check seeds the app with your bank and plays in two rooms.
 *
 * 5강 연습: 워크숍이 직접 꼽은 개선점들. 단어 목록을 코드 밖으로, 초성마다 정답 여럿, 추가 화면
 * 없애기, 방, 점수 보여 주기. lambda/의 개선된 앱이 다섯 가지를 모두 고쳤고, 문제와 정답은 여러분의
 * bankItems()가 채우는 Words 테이블에서, 방 입장은 여러분의 joinMessage()로 합니다. part 2는 store.ts.
 */
import { initialConsonants } from '../../../lambda/src/rules/consonants.ts';

/** The questions, in order. The app asks them one by one and wraps around. */
export const QUESTIONS = ['사람', '바다', '기차', '노래', '하늘'];

/**
 * Every dictionary word grouped by its 초성 (initialConsonants('사랑') === 'ㅅㄹ'), for the
 * patterns the questions use. Each question is an answer to its own pattern too.
 * Example: (['사람'], ['사랑', '서랍', '바다']) → Map { 'ㅅㄹ' => Set { '사람', '사랑', '서랍' } }
 */
export function answersByPattern(questions: string[], dictionary: string[]): Map<string, Set<string>> {
  // TODO: build the map. Only the questions' patterns: in the example above, 바다 answers no question.
  // TODO: 맵을 만드세요. 문제의 패턴만 남깁니다: 위의 예에서 바다는 어느 문제의 답도 아닙니다.
  return new Map();
}

/**
 * The items to write to the Words table, in the format lambda/src/store/words.ts reads:
 *   { key: 'meta', questionCount: <number of questions> }
 *   { key: 'question#0', word: '사람', consonant: 'ㅅㄹ' }, … one per question
 *   { key: 'pattern#ㅅㄹ', words: Set { '사람', '사랑', … } }, … one per pattern
 */
export function bankItems(questions: string[], dictionary: string[]): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [{ key: 'meta', questionCount: questions.length }];
  questions.forEach((word, index) => {
    items.push({ key: `question#${index}`, word, consonant: initialConsonants(word) });
  });
  // TODO: add one `pattern#<초성>` item per entry of answersByPattern(questions, dictionary).
  // Keep `words` a Set: the document client stores it as a string set, which the app expects.
  // TODO: answersByPattern(questions, dictionary)의 항목마다 `pattern#<초성>` 항목을 하나씩 더하세요.
  // `words`는 Set으로 두세요: 문서 클라이언트가 문자열 집합(SS)으로 저장하고, 앱은 그것을 기대합니다.
  return items;
}

/**
 * What a client sends as soon as its socket opens. The app routes on `action`
 * (routeSelectionExpression $request.body.action): "join" puts the player in `room` and answers
 * at once with the game state, recent chat and scores.
 */
export function joinMessage(username: string, room: string): string {
  // TODO: a JSON string with action "join", the username and the room.
  // TODO: action이 "join"이고 username과 room이 든 JSON 문자열.
  return 'start!';
}
