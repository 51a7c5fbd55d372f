/** 사과나무 (apple tree) then 사과 (apple): an earlier answer that contains a later one. */
export const WORDS = ['사과나무', '사과', '바나나', '자동차'] as const;

export function wordAt(index: number): string {
  return WORDS[index % WORDS.length] ?? WORDS[0];
}
