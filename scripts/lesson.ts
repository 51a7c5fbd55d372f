/** `npm run lesson:N [-- --solution] [-- --keep]`: check one lesson and show the checklist. */
import './quiet-sdk-notice.ts';
import { parseLessonArgs, USAGE } from '../lessons/runner/args.ts';
import { runLesson } from '../lessons/runner/run-lesson.ts';

const parsed = parseLessonArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`npm run lesson: ${parsed.error}`);
  console.error(USAGE);
  process.exit(2);
}

try {
  const run = await runLesson(parsed.args);
  if (run.kept) {
    console.log('The stack stays up (--keep). Point wscat or a browser at:');
    for (const [name, url] of Object.entries(run.kept.urls))
      if (url) console.log(`  ${name.padEnd(11)} ${url}`);
    console.log('Press Ctrl+C to stop it.');
    const kept = run.kept;
    const stop = async () => {
      console.log('stopping the stack…');
      await kept.stop();
      process.exit(run.passed ? 0 : 1);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } else {
    process.exit(run.passed ? 0 : 1);
  }
} catch (error) {
  console.error(`npm run lesson: ${(error as Error).message}`);
  process.exit(2);
}
