/**
 * The AWS SDK's DynamoDB clients, loaded when first used. A start restored from a snapshot
 * (snapshot.ts) creates no table and writes no seed, so it never needs them: loading them anyway
 * cost every start ~0.2 s of CPU. Static imports cannot wait, as the launcher's bundle hoists
 * them (emulator/launch/built-entry.mjs), so these are required on demand; the packages have no
 * `exports` map, so `import` and `require` load the same CommonJS module, once.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const sdk = {
  dynamodb: () => require('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb'),
  document: () => require('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb'),
};
