/**
 * A process that owns a LambdaHost, for tests of what happens to instances when their host
 * dies. Usage: host-process.ts <buildDir> <exit|wait>. Prints `{"pids":[…]}` once two
 * instances are frozen; then either exits without calling stop(), or waits to be killed.
 */
import path from 'node:path';
import { LambdaHost } from '../../../emulator/lambda/host.ts';
import { CREDENTIALS, fixture } from './harness.ts';
import { codeFolder } from './stack-folder.ts';

const [buildDir, mode] = process.argv.slice(2);
if (!buildDir || (mode !== 'exit' && mode !== 'wait')) {
  console.error('usage: host-process.ts <buildDir> <exit|wait>');
  process.exit(2);
}
// A function that leaves a detached sleeper behind: it must die with the instance too.
const spawner = codeFolder('death-spawner', {
  'index.js':
    "const { spawn } = require('node:child_process');\n" +
    "exports.handler = async () => { const c = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' }); c.unref(); return c.pid; };\n",
});
const host = new LambdaHost({
  functions: [
    { name: 'counter', entry: fixture('counter.ts') },
    { name: 'spawner', entry: path.join(spawner, 'index.js') },
  ],
  region: 'ap-northeast-2',
  accountId: '123456789012',
  credentialsFor: () => CREDENTIALS,
  onLog: () => {},
  buildDir,
});
await host.start();
const outcomes = await Promise.all([1, 2].map(() => host.invoke('counter', { holdMs: 50 })));
const pids = outcomes.map((o) => (o.ok ? (o.payload as { pid: number }).pid : -1));
const spawned = await host.invoke('spawner', {});
const descendants = [spawned.ok ? (spawned.payload as number) : -1];
process.stdout.write(
  `${JSON.stringify({ pids, descendants, code: spawner, frozen: host.stats().frozen })}\n`,
);
if (mode === 'exit') process.exit(0);
setInterval(() => {}, 60_000);
