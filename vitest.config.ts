import { defineConfig } from 'vitest/config';

// Integration tests start real engines and child processes; two cores are all CI has,
// so files run in forks, a few at a time, with timeouts sized for a JVM start.
// Projects split the suite by kind: `npm run test:unit`, `test:integration`, `test:e2e`,
// `test:reliability`; `npm run test:quick` is unit + integration; `npm test` runs them all.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Pure code, no engine or child process: test/unit and the tests beside the sources.
          include: [
            'test/unit/**/*.test.ts',
            'lambda/**/*.test.ts',
            'emulator/**/*.test.ts',
            'lessons/**/*.test.ts',
            'web/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // One service or command against a real DynamoDB engine, real sockets and processes.
          include: ['test/integration/**/*.test.ts', 'test/bench/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          // What a user runs, whole: browsers, lessons and pitfall demos, serverless-offline side by side.
          include: ['test/e2e/**/*.test.ts', 'test/lessons/**/*.test.ts', 'test/conformance/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'reliability',
          // Load, faults and hostile input: the slowest, run last in CI.
          include: ['test/reliability/**/*.test.ts'],
        },
      },
    ],
  },
});
