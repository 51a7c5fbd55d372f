/** The questions, in order, as the workshop kept them in its handler. */
export const WORDS = ['사과', '바나나', '자동차', '비행기', '컴퓨터', '도서관', '냉장고', '고양이'] as const;

/** The word at `index`, wrapping around as the workshop's `% word.length` did. */
export function wordAt(index: number): string {
  return WORDS[index % WORDS.length] ?? WORDS[0];
}
