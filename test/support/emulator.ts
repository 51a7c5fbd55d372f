/** The emulator as tests start it. */

import type { Stack } from '../../emulator/stack.ts';
import { type RunningEmulator, type StartOptions, startEmulator } from '../../emulator/start.ts';

/** On loopback, every port free-picked, no web server, no watcher; `options` add or override. */
export function startTestEmulator(stack: Stack, options: StartOptions = {}): Promise<RunningEmulator> {
  return startEmulator(stack, {
    host: '127.0.0.1',
    wsPort: 0,
    dynamodbPort: 0,
    webPort: null,
    watch: false,
    ...options,
  });
}
