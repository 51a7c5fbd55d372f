/**
 * `npm run offline`: serverless.yml under osls + serverless-offline + serverless-dynamodb, with
 * the tables migrated and the word bank seeded, then the same READY line as `npm start`.
 * WS_PORT (3001) and DYNAMODB_PORT (8000) choose the ports; 0 picks free ones.
 */
import { type RunningOffline, startOffline } from '../emulator/serverless/offline.ts';
import { seedWordBankIfPresent } from '../emulator/serverless/seed.ts';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(
      `offline: ${name}=${raw} is not a port; use a number from 0 to 65535 (0 picks a free one).`,
    );
    process.exit(2);
  }
  return port;
}

function serviceDirFromArgs(argv: string[]): string {
  const at = argv.indexOf('--service-dir');
  return at >= 0 && argv[at + 1] ? (argv[at + 1] as string) : process.cwd();
}

async function main(): Promise<void> {
  const serviceDir = serviceDirFromArgs(process.argv.slice(2));
  let running: RunningOffline | undefined;
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`offline: ${signal} received, stopping osls and DynamoDB Local`);
    await running?.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  running = await startOffline({
    serviceDir,
    wsPort: portFromEnv('WS_PORT', 3001),
    dynamodbPort: portFromEnv('DYNAMODB_PORT', 8000),
    log: (line) => console.log(line),
  });
  if (stopping) return;
  await seedWordBankIfPresent(serviceDir, running.endpoints.dynamodb, (line) => console.log(line));
  console.log(`offline: serverless-offline has no stage in its paths; connect to ${running.endpoints.ws}`);
  console.log(`READY ${JSON.stringify(running.endpoints)}`);
  const code = await running.exited;
  if (!stopping) {
    console.error(`offline: osls exited on its own (code ${code}); see its output above.`);
    await running.stop(1000);
    process.exit(code || 1);
  }
}

main().catch((error: Error) => {
  console.error(`offline: ${error.message}`);
  process.exit(1);
});
