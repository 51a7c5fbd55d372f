/**
 * `npm start`: the whole app (serverless.yml) on the emulator, or with `--stack FILE` any other
 * app's serverless.yml or SAM/CloudFormation template (also what the `chosung-workbench start` bin
 * runs). Prints a banner for people and one machine-readable `READY {json}` line for scripts and
 * tests; stops every child process on SIGINT/SIGTERM. A stack that cannot run is refused before
 * anything starts.
 */
import './quiet-sdk-notice.ts';
import { resolve } from 'node:path';
import { stop as stopEsbuild } from 'esbuild';
import { parseOptions, USAGE, UsageError } from '../emulator/config.ts';
import { PersistLockedError } from '../emulator/dynamodb/persist-lock.ts';
import { loadPolicyFile, PolicyError } from '../emulator/iam/index.ts';
import { watchParent } from '../emulator/parent-watch.ts';
import { parseParameterOverrides } from '../emulator/sam/template.ts';
import { loadStackFile } from '../emulator/stack-file.ts';
import { startEmulator } from '../emulator/start.ts';
import { lanBanner } from '../emulator/web/lan.ts';

/** Our own app, which `npm start` runs without --stack. */
const APP = resolve(import.meta.dirname, '..', 'serverless.yml');

const say = (line: string) => console.log(`[emulator] ${line}`);

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(`npm start -- [options]\n\n${USAGE}`);
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  const file = options.stackFile ? resolve(options.stackFile) : APP;
  const foreign = options.stackFile !== undefined;
  say(`reading ${foreign ? file : 'serverless.yml'}…`);
  const { stack } = await Promise.resolve()
    .then(() =>
      loadStackFile(file, {
        stage: options.stage,
        region: options.region,
        accountId: options.accountId,
        parameterOverrides: parseParameterOverrides(options.parameterOverrides),
        log: say,
        warn: (line) => say(`warning: ${line}`),
      }),
    )
    .catch((error: Error) => {
      throw new StackError(error.message);
    });
  if (options.policyFile) {
    const policy = await loadPolicyFile(options.policyFile);
    say(`using the policy in ${options.policyFile} for role ${stack.role.name}`);
    stack.role = { ...stack.role, policy };
    // A SAM function has a role of its own; --policy speaks for all of them.
    for (const fn of stack.functions) if (fn.role) fn.role = { ...fn.role, policy };
  }
  say(`starting stack "${stack.name}" (stage ${stack.stage}, region ${stack.region})…`);
  const started = Date.now();
  const emulator = await startEmulator(stack, {
    ...options,
    // The browser client plays our quiz; another app's stack gets none unless asked for one.
    webPort: foreign && !process.argv.some((a) => a.startsWith('--web-port')) ? null : options.webPort,
    log: say,
    logConnections: true,
  });

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
  // `kill <npm pid>` sends npm no signal to pass on: follow it instead.
  watchParent((pid) => void shutdown(`the process that started the emulator (pid ${pid}) is gone`));

  const { urls } = emulator;
  const fn = stack.functions.map((f) => `${f.name} as ${(f.role ?? stack.role).name}`).join(', ');
  console.log('');
  const title = foreign ? `${stack.name} (${file})` : '초성퀴즈';
  console.log(
    `  ${title} is running on the workbench (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  console.log(`  Stage         ${stack.stage}, region ${stack.region}, API id ${stack.apiId}`);
  console.log(`  WebSocket     ${urls.ws}      try: npx wscat -c ${urls.ws}`);
  console.log(`  @connections  ${urls.management}/@connections/{connectionId}`);
  console.log(`  DynamoDB      ${urls.dynamodb}          ${emulator.engine.description}`);
  if (urls.web) console.log(`  Web client    ${urls.web}          open it in two windows and play`);
  if (urls.trace) console.log(`  Trace         ${urls.trace}    every message, live (or: npm run trace)`);
  if (urls.logs)
    console.log(`  Logs API      ${urls.logs}          CloudWatch Logs: aws logs tail … --endpoint-url`);
  if (urls.apigateway)
    console.log(
      `  API Gateway   ${urls.apigateway}          routes, deployments: aws apigatewayv2 get-routes --api-id ${stack.apiId} --endpoint-url`,
    );
  if (urls.web) for (const line of await lanBanner(options.host, urls.web)) console.log(line);
  console.log(`  Functions     ${fn}; logs: npm run logs -- --follow`);
  if (stack.connectAuthorizer) {
    console.log(
      `  $connect      authorized by ${stack.connectAuthorizer.function} (${stack.connectAuthorizer.identitySource.join(', ')})`,
    );
  }
  if (emulator.auth === 'strict') {
    const { accessKeyId, secretAccessKey, file } = emulator.admin;
    console.log('  Auth          strict: unknown access keys are refused, as on AWS');
    console.log('                (모르는 액세스 키는 AWS처럼 거부됩니다). Administrator key / 관리자 키,');
    console.log(`                kept in ${file}:`);
    console.log(`                AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secretAccessKey}`);
    console.log(
      `                e.g. AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… aws dynamodb list-tables --endpoint-url ${urls.dynamodb}`,
    );
  } else {
    console.log(
      '  Auth          open: any access key acts as administrator (아무 액세스 키나 관리자로 통합니다);',
    );
    console.log('                --auth strict refuses unknown keys, as AWS does');
  }
  console.log('  Stop with Ctrl+C.');
  console.log('');
  const admin = { accessKeyId: emulator.admin.accessKeyId, secretAccessKey: emulator.admin.secretAccessKey };
  const ready = { ...urls, stack: stack.name, ...(emulator.auth === 'strict' ? { admin } : {}) };
  console.log(`READY ${JSON.stringify(ready)}`);
  // esbuild keeps a service process (~60 MB) after the builds; a watch rebuild starts it again.
  void stopEsbuild();
}

/** The stack file cannot run: said before any engine starts. */
class StackError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof StackError) {
    console.error(`npm start: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof UsageError) {
    console.error(`npm start: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof PolicyError || error instanceof PersistLockedError) {
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
