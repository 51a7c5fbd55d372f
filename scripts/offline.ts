/**
 * `npm run offline`: serverless.yml under osls + serverless-offline + serverless-dynamodb, with
 * the tables migrated and the word bank seeded, the browser client served against
 * serverless-offline's WebSocket, then the same READY line as `npm start`.
 * WS_PORT (3001), DYNAMODB_PORT (8000) and WEB_PORT (3000) choose the ports; 0 picks free ones.
 * `--service-dir DIR` runs another serverless.yml (the tests' fixtures).
 */
import './quiet-sdk-notice.ts';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startOffline } from '../emulator/serverless/offline.ts';
import { declaredSeeder } from '../emulator/serverless/seed.ts';
import { startWebServer, type WebServer } from '../emulator/web/server.ts';

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
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { 'service-dir': { type: 'string' } },
    });
    return values['service-dir'] ?? process.cwd();
  } catch (error) {
    console.error(`offline: ${(error as Error).message}. Usage: npm run offline -- [--service-dir DIR]`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const serviceDir = serviceDirFromArgs(process.argv.slice(2));
  // Set as soon as osls is spawned, so a Ctrl-C during start-up still stops it and its JVM.
  let stopChild: ((graceMs?: number) => Promise<void>) | undefined;
  let web: WebServer | undefined;
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`offline: ${signal} received, stopping osls and DynamoDB Local`);
    await Promise.all([stopChild?.(), web?.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  // Read before osls starts, so a bad value fails fast instead of after a 10 s start-up.
  const webPort = portFromEnv('WEB_PORT', 3000);
  const seed = await declaredSeeder(join(serviceDir, 'serverless.yml'), (line) =>
    console.log(`offline: ${line}`),
  );
  // Loaded while osls starts; a failure is reported by the seed itself below.
  seed?.prepare().catch(() => {});
  const running = await startOffline({
    serviceDir,
    wsPort: portFromEnv('WS_PORT', 3001),
    dynamodbPort: portFromEnv('DYNAMODB_PORT', 8000),
    log: (line) => console.log(line),
    onSpawn: (stop) => {
      stopChild = stop;
    },
  });
  if (stopping) return;
  try {
    if (seed) await seed.seed(running.endpoints.dynamodb, 'ap-northeast-2');
    else console.log('offline: serverless.yml declares no custom.workbench.seed; nothing to seed');
  } catch (error) {
    await running.stop(1000);
    throw new Error(
      `seeding failed: ${(error as Error).message}. Check the module custom.workbench.seed names against the tables in serverless.yml.`,
    );
  }
  try {
    // The same page as `npm start` serves; its config.json names serverless-offline's socket.
    web = await startWebServer({ host: '127.0.0.1', port: webPort, wsUrl: running.endpoints.ws });
  } catch (error) {
    await running.stop(1000);
    throw new Error(
      `the web client could not listen on port ${webPort}: ${(error as Error).message}. ` +
        'Stop whatever holds it, or run with WEB_PORT=0 to pick a free port.',
    );
  }
  if (stopping) return;
  console.log(`offline: serverless-offline has no stage in its paths; connect to ${running.endpoints.ws}`);
  console.log(`offline: web client at ${web.url} (open it in two windows and play)`);
  console.log(`READY ${JSON.stringify({ ...running.endpoints, web: web.url })}`);
  const code = await running.exited;
  if (!stopping) {
    console.error(`offline: osls exited on its own (code ${code}); see its output above.`);
    await Promise.all([running.stop(1000), web.stop()]);
    process.exit(code || 1);
  }
}

main().catch((error: Error) => {
  console.error(`offline: ${error.message}`);
  process.exit(1);
});
