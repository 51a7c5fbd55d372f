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
  return items;
}

/**
 * What a client sends as soon as its socket opens. The app routes on `action`
 * (routeSelectionExpression $request.body.action): "join" puts the player in `room` and answers
 * at once with the game state, recent chat and scores.
 */
export function joinMessage(username: string, room: string): string {
  // TODO: a JSON string with action "join", the username and the room.
  return 'start!';
}
