/**
 * The lessons, in the order of the 2019 workshop's steps. Each lives in `lessons/NN-slug/` with
 * README.md, README.ko.md, exercise/, solution/, stack.ts and check.ts.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LessonInfo {
  number: number;
  slug: string;
  title: { en: string; ko: string };
  /** The workshop step it rebuilds. */
  step: { en: string; ko: string };
  /** Its exercise is Lambda handler code: the type-check stage also looks for floating promises. */
  handlers?: boolean;
}

export const LESSONS_DIR = dirname(fileURLToPath(import.meta.url));

export const LESSONS: readonly LessonInfo[] = [
  {
    number: 1,
    slug: '01-iam',
    title: { en: 'IAM: the role and a least-privilege policy', ko: 'IAM: 역할과 최소 권한 정책' },
    step: { en: 'workshop step 1', ko: '워크숍 1단계' },
  },
  {
    number: 2,
    slug: '02-tables',
    title: { en: 'Tables: User, Chat and Game', ko: '테이블: User, Chat, Game 만들기' },
    step: { en: 'workshop step 2', ko: '워크숍 2단계' },
  },
  {
    number: 3,
    slug: '03-connection',
    title: { en: 'Connection: $connect and $disconnect', ko: '연결: $connect와 $disconnect' },
    step: { en: 'workshop step 3', ko: '워크숍 3단계' },
    handlers: true,
  },
  {
    number: 4,
    slug: '04-game',
    title: { en: 'Game: chat and the 초성 quiz on $default', ko: '게임: $default에서 채팅과 초성퀴즈' },
    step: { en: 'workshop step 4', ko: '워크숍 4단계' },
    handlers: true,
  },
  {
    number: 5,
    slug: '05-improvements',
    title: { en: 'Improvements: word bank, rooms, scores', ko: '개선: 단어장, 방, 점수' },
    step: { en: 'workshop improvements', ko: '워크숍 개선 및 보완사항' },
    handlers: true,
  },
  {
    number: 6,
    slug: '06-capstone',
    title: {
      en: 'Capstone: your lessons together, packaged for a deploy',
      ko: '마무리: 내 수업들을 한데 모아 배포용으로 패키징',
    },
    step: { en: 'workshop step 5', ko: '워크숍 5단계' },
  },
];

export function findLesson(number: number): LessonInfo | undefined {
  return LESSONS.find((lesson) => lesson.number === number);
}

export function lessonDir(lesson: LessonInfo): string {
  return join(LESSONS_DIR, lesson.slug);
}

export function lessonIsBuilt(lesson: LessonInfo): boolean {
  return existsSync(join(lessonDir(lesson), 'check.ts'));
}
