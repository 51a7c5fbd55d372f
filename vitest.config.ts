import { defineConfig } from 'vitest/config';

// Integration tests start real engines and child processes; two cores are all CI has,
// so files run in forks, a few at a time, with timeouts sized for a JVM start.
export default defineConfig({
  test: {
    include: [
      'test/**/*.test.ts',
      'lambda/**/*.test.ts',
      'emulator/**/*.test.ts',
      'lessons/**/*.test.ts',
      'web/**/*.test.ts',
    ],
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
