/** `npm run lesson:N [-- --solution] [-- --keep]`: check one lesson and show the checklist. */
import './quiet-sdk-notice.ts';
import { watchParent } from '../emulator/parent-watch.ts';
import { parseLessonArgs, USAGE } from '../lessons/runner/args.ts';
import { runLesson } from '../lessons/runner/run-lesson.ts';

const parsed = parseLessonArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`npm run lesson: ${parsed.error}`);
  console.error(USAGE);
  process.exit(2);
}

// Whoever started the lesson is gone (`kill <npm pid>`): stop, and the exit hooks take the
// instances and the JVM with us.
let onParentGone: () => void = () => process.exit(1);
watchParent(() => onParentGone());

try {
  const run = await runLesson(parsed.args);
  if (run.kept) {
    console.log(
      run.kept.urls.ws
        ? 'The stack stays up (--keep). Point wscat or a browser at:'
        : 'The stack stays up (--keep):',
    );
    for (const [name, url] of Object.entries(run.kept.urls))
      if (url) console.log(`  ${name.padEnd(11)} ${url}`);
    if (run.kept.urls.logs)
      console.log(
        `The function's log lines, from another terminal: npm run logs -- --dir ${run.kept.urls.logs} --follow`,
      );
    console.log('Press Ctrl+C to stop it.');
    const kept = run.kept;
    let stopping = false;
    const stop = async () => {
      // A second Ctrl+C while the JVM shuts down must not start a second stop.
      if (stopping) return;
      stopping = true;
      console.log('stopping the stack…');
      // The same bound as npm start: whatever hangs, the terminal is back within 5 s.
      setTimeout(() => process.exit(1), 4500).unref();
      await kept.stop();
      process.exit(run.passed ? 0 : 1);
    };
    onParentGone = () => void stop();
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
  } else {
    if (parsed.args.keep)
      console.log('--keep: nothing was left running, because the check stopped before the stack was up.');
    process.exit(run.passed ? 0 : 1);
  }
} catch (error) {
  console.error(`npm run lesson: ${(error as Error).message}`);
  process.exit(2);
}
