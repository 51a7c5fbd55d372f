/**
 * Lesson 5, reference: the learner's part of the workshop's "개선 및 보완사항". The improved app
 * in lambda/ reads the word bank these functions build, and clients join a room with
 * joinMessage. Compare lambda/src/words/bank.ts, which builds the full bank from a dictionary.
 */
import { initialConsonants } from '../../../lambda/src/rules/consonants.ts';

/** The questions, in order. The app asks them one by one and wraps around. */
export const QUESTIONS = ['사람', '바다', '기차', '노래', '하늘'];

/** Every dictionary word, grouped by its 초성, for the patterns the questions use. */
export function answersByPattern(questions: string[], dictionary: string[]): Map<string, Set<string>> {
  const patterns = new Map<string, Set<string>>();
  for (const question of questions) patterns.set(initialConsonants(question), new Set([question]));
  for (const word of dictionary) patterns.get(initialConsonants(word))?.add(word);
  return patterns;
}

/** The Words table's items in the app's format: a count, one item per question, one per pattern. */
export function bankItems(questions: string[], dictionary: string[]): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [{ key: 'meta', questionCount: questions.length }];
  questions.forEach((word, index) => {
    items.push({ key: `question#${index}`, word, consonant: initialConsonants(word) });
  });
  for (const [pattern, words] of answersByPattern(questions, dictionary)) {
    // A JS Set becomes a DynamoDB string set (SS): the app tests membership without a scan.
    items.push({ key: `pattern#${pattern}`, words });
  }
  return items;
}

/** What a client sends as soon as its socket opens: the room, and who it is. No second screen. */
export function joinMessage(username: string, room: string): string {
  return JSON.stringify({ action: 'join', username, room });
}
