/**
 * `npm start`: the whole app on the emulator. Prints a banner for people and one machine-readable
 * `READY {json}` line for scripts and tests; stops every child process on SIGINT/SIGTERM.
 */
import { parseOptions, USAGE, UsageError } from '../emulator/config.ts';
import { DEFAULTS, type Stack } from '../emulator/stack.ts';
import { startEmulator } from '../emulator/start.ts';
import { workshopTables } from '../emulator/dynamodb/tables.ts';

const say = (line: string) => console.log(`[emulator] ${line}`);

// Node 20 is supported here; the SDK's notice about its own future Node 22 floor is noise for learners.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(`npm start -- [options]\n\n${USAGE}`);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  const stack: Stack = {
    name: 'chosung-quiz',
    ...DEFAULTS,
    stage: options.stage,
    region: options.region,
    accountId: options.accountId,
    role: { name: 'chosung-quiz-role', policy: { Version: '2012-10-17', Statement: [] } },
    tables: workshopTables,
    functions: [],
    routes: {},
  };
  say(`starting stack "${stack.name}" (stage ${stack.stage}, region ${stack.region})…`);
  const emulator = await startEmulator(stack, { ...options, log: say });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping…`);
    // Hard limit, as the contract promises: everything is gone within 5 s.
    setTimeout(() => process.exit(1), 4500).unref();
    await emulator.stop();
    say('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const { urls } = emulator;
  console.log('');
  console.log('  초성퀴즈 workbench is running');
  console.log(`  DynamoDB      ${urls.dynamodb}   (${emulator.engine.description})`);
  if (urls.ws) console.log(`  WebSocket     ${urls.ws}   (try: npx wscat -c ${urls.ws})`);
  if (urls.management) console.log(`  @connections  ${urls.management}/@connections/{id}`);
  if (urls.web) console.log(`  Web client    ${urls.web}`);
  console.log('  Stop with Ctrl+C.');
  console.log('');
  console.log(`READY ${JSON.stringify(urls)}`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`npm start: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
