/**
 * Lesson 6 writes no new code: it runs your own work together. These are the folders it takes it
 * from (with `--solution`, the references beside them).
 * 6강은 새 코드를 쓰지 않습니다: 여러분의 작업을 함께 돌립니다. 가져오는 폴더는 이렇습니다.
 */
export const PARTS = {
  policy: 'lessons/01-iam/exercise/policy.ts',
  connection: 'lessons/03-connection/exercise/handler.ts',
  game: 'lessons/04-game/exercise/handler.ts',
} as const;
