/**
 * `npm start`: the whole app (serverless.yml) on the emulator. Prints a banner for people and one
 * machine-readable `READY {json}` line for scripts and tests; stops every child process on
 * SIGINT/SIGTERM.
 */
import './quiet-sdk-notice.ts';
import { stop as stopEsbuild } from 'esbuild';
import { parseOptions, USAGE, UsageError } from '../emulator/config.ts';
import { loadPolicyFile, PolicyError } from '../emulator/iam/index.ts';
import { loadServerlessStack } from '../emulator/serverless/load.ts';
import { startEmulator } from '../emulator/start.ts';
import { lanBanner } from '../emulator/web/lan.ts';

const say = (line: string) => console.log(`[emulator] ${line}`);

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(`npm start -- [options]\n\n${USAGE}`);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  say('reading serverless.yml…');
  const stack = await loadServerlessStack('serverless.yml', {
    stage: options.stage,
    region: options.region,
    accountId: options.accountId,
    log: say,
  });
  if (options.policyFile) {
    say(`using the policy in ${options.policyFile} for role ${stack.role.name}`);
    stack.role = { ...stack.role, policy: await loadPolicyFile(options.policyFile) };
  }
  say(`starting stack "${stack.name}" (stage ${stack.stage}, region ${stack.region})…`);
  const started = Date.now();
  const emulator = await startEmulator(stack, { ...options, log: say, logConnections: true });

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
  const fn = stack.functions.map((f) => f.name).join(', ');
  console.log('');
  console.log(`  초성퀴즈 workbench is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`  WebSocket     ${urls.ws}      try: npx wscat -c ${urls.ws}`);
  console.log(`  @connections  ${urls.management}/@connections/{connectionId}`);
  console.log(`  DynamoDB      ${urls.dynamodb}          ${emulator.engine.description}`);
  if (urls.web) console.log(`  Web client    ${urls.web}          open it in two windows and play`);
  if (urls.web) for (const line of await lanBanner(options.host, urls.web)) console.log(line);
  console.log(`  Function      ${fn} as role ${stack.role.name}; logs: npm run logs -- --follow`);
  console.log('  Stop with Ctrl+C.');
  console.log('');
  console.log(`READY ${JSON.stringify(urls)}`);
  // esbuild keeps a service process (~60 MB) after the builds; a watch rebuild starts it again.
  void stopEsbuild();
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`npm start: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof PolicyError) {
    console.error(`npm start: ${error.message}`);
    process.exit(2);
  }
  console.error(`npm start failed: ${(error as Error).message}`);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      'A port is taken: stop the other emulator, or start with WS_PORT=0 DYNAMODB_PORT=0 WEB_PORT=0.',
    );
  }
  process.exit(1);
});
