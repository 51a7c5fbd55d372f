/**
 * The word bank as data, before it is written anywhere: the questions with their patterns, and per
 * pattern every noun that answers it. Pure, so its guarantees (every question answers itself, no
 * pattern without answers) are unit-tested without a database.
 */
import { initialConsonants, isHangulWord } from '../rules/consonants.ts';
import type { Question } from '../rules/game.ts';

export interface WordBank {
  questions: Question[];
  /** Pattern → accepted answers. */
  answers: Map<string, Set<string>>;
}

export interface BankOptions {
  /** Also keep patterns no question asks (the whole dictionary, ~7,000 patterns); default false. */
  allPatterns?: boolean;
}

export function buildWordBank(
  questionWords: readonly string[],
  nouns: Iterable<string>,
  options: BankOptions = {},
): WordBank {
  const questions = questionWords.map((raw, index) => {
    const word = raw.normalize('NFC');
    if (!isHangulWord(word)) throw new Error(`question #${index} "${raw}" is not a Hangul word`);
    return { index, word, consonant: initialConsonants(word) };
  });
  const answers = new Map<string, Set<string>>();
  const wanted = new Set(questions.map((question) => question.consonant));
  const add = (word: string) => {
    const pattern = initialConsonants(word);
    if (!options.allPatterns && !wanted.has(pattern)) return;
    let set = answers.get(pattern);
    if (!set) {
      set = new Set();
      answers.set(pattern, set);
    }
    set.add(word);
  };
  for (const noun of nouns) {
    const word = noun.normalize('NFC');
    if (isHangulWord(word)) add(word);
  }
  // A question must always be answerable by its own word, dictionary or not.
  for (const question of questions) add(question.word);
  return { questions, answers };
}

/** A short fingerprint of the bank, stored with it so an unchanged bank is not rewritten. */
export function bankVersion(bank: WordBank): string {
  let hash = 0x811c9dc5;
  const feed = (text: string) => {
    for (const char of text) {
      hash ^= char.codePointAt(0) ?? 0;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  };
  for (const question of bank.questions) feed(`q${question.word}`);
  for (const pattern of [...bank.answers.keys()].sort()) {
    feed(`p${pattern}`);
    for (const word of [...(bank.answers.get(pattern) ?? [])].sort()) feed(word);
  }
  return `${bank.questions.length}q-${bank.answers.size}p-${hash.toString(16)}`;
}
