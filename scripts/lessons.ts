/** `npm run lessons`: every lesson with the learner's progress, and the command to run next. */
import './quiet-sdk-notice.ts';
import { relative } from 'node:path';
import { LESSONS, lessonIsBuilt } from '../lessons/catalogue.ts';
import { progressFile, readProgress } from '../lessons/runner/progress.ts';

const progress = readProgress();
// LESSON_PROGRESS_FILE may point elsewhere; name the file actually read.
const shownFile = relative(process.cwd(), progressFile()) || progressFile();
console.log(`초성퀴즈 workbench — lessons (progress from ${shownFile})\n`);
let next: number | undefined;
for (const lesson of LESSONS) {
  const entry = progress.lessons[String(lesson.number)];
  let mark = '·';
  let state = 'not started';
  if (!lessonIsBuilt(lesson)) state = 'not available yet';
  else if (entry?.passed) {
    mark = '✓';
    state = `done ${entry.passedAt?.slice(0, 10) ?? ''}`.trim();
  } else if (entry) {
    mark = '✗';
    state = `${entry.okCount}/${entry.total} checks on the last run`;
  }
  if (next === undefined && !entry?.passed && lessonIsBuilt(lesson)) next = lesson.number;
  console.log(`  ${mark} ${lesson.number}. ${lesson.title.en}`);
  console.log(`       ${lesson.title.ko}  [${lesson.step}]  — ${state}`);
}
console.log('');
if (next !== undefined)
  console.log(`Next: npm run lesson:${next}   (the reference: npm run lesson:${next} -- --solution)`);
else if (LESSONS.every((l) => progress.lessons[String(l.number)]?.passed)) {
  console.log('Every lesson passes. Try the instructor demos: npm run pitfalls');
} else console.log('The remaining lessons are not available yet.');
console.log(`Progress file: ${progressFile()}`);
