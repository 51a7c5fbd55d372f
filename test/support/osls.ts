/** `serverless package` by osls, as the package tests run it: offline, with dummy credentials. */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const OSLS = join(
  dirname(createRequire(import.meta.url).resolve('osls/package.json')),
  'bin',
  'serverless.js',
);

/** Packages the service in `cwd`; `args` are more of the command line, e.g. `--package <dir>`. */
export function oslsPackage(cwd: string, args: string[] = []): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [OSLS, 'package', ...args], {
    cwd,
    env: {
      ...process.env,
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      // Packaging talks to no AWS service; the framework only wants credentials to exist.
      AWS_ACCESS_KEY_ID: 'AKIAPACKAGETEST00000',
      AWS_SECRET_ACCESS_KEY: 'package-test',
      AWS_PROFILE: '',
    },
    timeout: 110_000,
  });
}
