/**
 * `npm run lesson:N [-- --solution] [-- --keep] [-- --watch] [-- --hint] [-- --reset [--yes]]
 * [-- --instructions] [-- --lang ko|en]`: check one lesson and show the checklist, or one of the
 * learner's other commands.
 */
import './quiet-sdk-notice.ts';
import { rmSync } from 'node:fs';
import { watchParent } from '../emulator/parent-watch.ts';
import { errorLang, parseLessonArgs, USAGE, USAGE_KO } from '../lessons/runner/args.ts';
import { hintText, instructionsText, resetExercise, watchAndRerun } from '../lessons/runner/commands.ts';
import { BilingualError, pick, tr, withParticle } from '../lessons/runner/i18n.ts';
import { codeDirOf, requireLesson, runLesson } from '../lessons/runner/run-lesson.ts';

const parsed = parseLessonArgs(process.argv.slice(2));
if (!parsed.ok) {
  const ko = errorLang(process.argv.slice(2)) === 'ko';
  console.error(`npm run lesson: ${ko ? parsed.error.ko : parsed.error.en}`);
  console.error(ko ? USAGE_KO : USAGE);
  process.exit(2);
}
const args = parsed.args;
const lang = args.lang ?? 'en';
const say = (en: string, ko: string) => console.log(pick(tr(en, ko), lang));

// Whoever started the lesson is gone (`kill <npm pid>`): stop, and the exit hooks take the
// instances and the JVM with us.
let onParentGone: () => void = () => process.exit(1);
watchParent(() => onParentGone());

try {
  const lesson = requireLesson(args.lesson);
  if (args.hint) {
    console.log(hintText(lesson, lang));
    process.exit(0);
  }
  if (args.instructions) {
    console.log(instructionsText(lesson, lang));
    process.exit(0);
  }
  if (args.reset) {
    const outcome = await resetExercise(lesson, { yes: args.yes ?? false, lang });
    if (outcome.ok)
      say(
        `Restored ${outcome.restored}; lesson ${lesson.number}'s progress and hints start over.`,
        `${withParticle(outcome.restored, '을/를')} 되돌렸습니다. ${lesson.number}강의 진행 상황과 힌트도 처음부터입니다.`,
      );
    else console.error(outcome.message);
    process.exit(outcome.ok ? 0 : 1);
  }
  if (args.watch) {
    const dir = codeDirOf(lesson, args);
    const stop = watchAndRerun(dir, async () => {
      // A fresh screen per run, as rustlings does, so the last checklist is the one in view.
      if (process.stdout.isTTY) console.clear();
      await runLesson({ ...args, keep: false }).catch((error: unknown) =>
        console.error(
          `npm run lesson: ${error instanceof BilingualError ? pick(error.text, lang) : (error as Error).message}`,
        ),
      );
      say(
        `Watching ${dir}: save a file to check again; Ctrl+C to stop.`,
        `${withParticle(dir, '을/를')} 지켜봅니다: 파일을 저장하면 다시 검사합니다. 끝내려면 Ctrl+C.`,
      );
    });
    process.on('SIGINT', () => {
      stop();
      process.exit(0);
    });
  } else {
    const run = await runLesson(args);
    if (run.kept) {
      if (run.kept.urls.ws)
        say(
          'The stack stays up (--keep). Point wscat or a browser at:',
          '스택이 계속 떠 있습니다 (--keep). wscat이나 브라우저로 접속하세요:',
        );
      else say('The stack stays up (--keep):', '스택이 계속 떠 있습니다 (--keep):');
      for (const [name, url] of Object.entries(run.kept.urls))
        if (url) console.log(`  ${name.padEnd(11)} ${url}`);
      if (run.kept.urls.logs)
        say(
          `The function's log lines, from another terminal: npm run logs -- --dir ${run.kept.urls.logs} --follow`,
          `다른 터미널에서 함수의 로그 보기: npm run logs -- --dir ${run.kept.urls.logs} --follow`,
        );
      say(
        run.kept.urls.logs
          ? 'Press Ctrl+C to stop it; its log folder goes with it.'
          : 'Press Ctrl+C to stop it.',
        run.kept.urls.logs
          ? '멈추려면 Ctrl+C를 누르세요. 로그 폴더도 함께 지워집니다.'
          : '멈추려면 Ctrl+C를 누르세요.',
      );
      const kept = run.kept;
      let stopping = false;
      const stop = async () => {
        // A second Ctrl+C while the JVM shuts down must not start a second stop.
        if (stopping) return;
        stopping = true;
        say('stopping the stack…', '스택을 멈춥니다…');
        // The same bound as npm start: whatever hangs, the terminal is back within 5 s.
        setTimeout(() => {
          // Whatever hung, the log folder does not stay behind in the temp folder.
          if (kept.urls.logs) rmSync(kept.urls.logs, { recursive: true, force: true });
          process.exit(1);
        }, 4500).unref();
        await kept.stop();
        process.exit(run.passed ? 0 : 1);
      };
      onParentGone = () => void stop();
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    } else {
      if (args.keep)
        say(
          '--keep: nothing was left running, because the check stopped before the stack was up.',
          '--keep: 스택이 뜨기 전에 검사가 멈춰서 남겨 둔 것이 없습니다.',
        );
      process.exit(run.passed ? 0 : 1);
    }
  }
} catch (error) {
  const message = error instanceof BilingualError ? pick(error.text, lang) : (error as Error).message;
  console.error(`npm run lesson: ${message}`);
  process.exit(2);
}
