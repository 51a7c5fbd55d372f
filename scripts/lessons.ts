/** `npm run lessons [-- --lang ko|en]`: every lesson with the learner's progress, and the command to run next. */
import './quiet-sdk-notice.ts';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { LESSONS, lessonIsBuilt } from '../lessons/catalogue.ts';
import { detectLang, isLang, type Lang, pick, tr } from '../lessons/runner/i18n.ts';
import { progressFile, readProgress } from '../lessons/runner/progress.ts';

const { values } = parseArgs({ options: { lang: { type: 'string' } }, strict: true });
const lang: Lang = values.lang !== undefined && isLang(values.lang) ? values.lang : detectLang();
const say = (en: string, ko: string) => console.log(pick(tr(en, ko), lang));
const other: Lang = lang === 'ko' ? 'en' : 'ko';

const progress = readProgress();
// LESSON_PROGRESS_FILE may point elsewhere; name the file actually read.
const shownFile = relative(process.cwd(), progressFile()) || progressFile();
say(
  `초성퀴즈 workbench — lessons (progress from ${shownFile})\n`,
  `초성퀴즈 workbench — 수업 목록 (진행 상황: ${shownFile})\n`,
);
let next: number | undefined;
for (const lesson of LESSONS) {
  const entry = progress.lessons[String(lesson.number)];
  let mark = '·';
  let state = pick(tr('not started', '시작 전'), lang);
  if (!lessonIsBuilt(lesson)) state = pick(tr('not available yet', '아직 없음'), lang);
  else if (entry?.passed) {
    mark = '✓';
    state = `${pick(tr('done', '완료'), lang)} ${entry.passedAt?.slice(0, 10) ?? ''}`.trim();
  } else if (entry) {
    mark = '✗';
    state = pick(
      tr(
        `${entry.okCount}/${entry.total} checks on the last run`,
        `지난 실행에서 ${entry.total}개 중 ${entry.okCount}개 통과`,
      ),
      lang,
    );
  }
  if (next === undefined && !entry?.passed && lessonIsBuilt(lesson)) next = lesson.number;
  console.log(`  ${mark} ${lesson.number}. ${lesson.title[lang]}`);
  console.log(`       ${lesson.title[other]}  [${lesson.step[lang]}]  — ${state}`);
}
console.log('');
if (next !== undefined)
  say(
    `Next: npm run lesson:${next}   (the reference: npm run lesson:${next} -- --solution; a hint: -- --hint)`,
    `다음: npm run lesson:${next}   (참고 답안: npm run lesson:${next} -- --solution; 힌트: -- --hint)`,
  );
else if (LESSONS.every((l) => progress.lessons[String(l.number)]?.passed)) {
  say(
    'Every lesson passes. Try the instructor demos: npm run pitfalls',
    '모든 수업을 통과했습니다. 강사용 데모도 해 보세요: npm run pitfalls',
  );
} else say('The remaining lessons are not available yet.', '나머지 수업은 아직 없습니다.');
say(`Progress file: ${progressFile()}`, `진행 파일: ${progressFile()}`);
