/**
 * A process that owns a LambdaHost, for tests of what happens to instances when their host
 * dies. Usage: host-process.ts <buildDir> <exit|wait>. Prints `{"pids":[…]}` once two
 * instances are frozen; then either exits without calling stop(), or waits to be killed.
 */
import { LambdaHost } from '../../../emulator/lambda/host.ts';
import { CREDENTIALS, fixture } from './harness.ts';

const [buildDir, mode] = process.argv.slice(2);
if (!buildDir || (mode !== 'exit' && mode !== 'wait')) {
  console.error('usage: host-process.ts <buildDir> <exit|wait>');
  process.exit(2);
}
const host = new LambdaHost({
  functions: [{ name: 'counter', entry: fixture('counter.ts') }],
  region: 'ap-northeast-2',
  accountId: '123456789012',
  credentialsFor: () => CREDENTIALS,
  onLog: () => {},
  buildDir,
});
await host.start();
const outcomes = await Promise.all([1, 2].map(() => host.invoke('counter', { holdMs: 50 })));
const pids = outcomes.map((o) => (o.ok ? (o.payload as { pid: number }).pid : -1));
process.stdout.write(`${JSON.stringify({ pids, frozen: host.stats().frozen })}\n`);
if (mode === 'exit') process.exit(0);
setInterval(() => {}, 60_000);
