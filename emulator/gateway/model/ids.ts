/**
 * Identifiers in the shapes API Gateway gives them, so code and logs written against the
 * emulator look like what learners will later see on AWS.
 */
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * 11 random bytes in base64, e.g. `L0SM9cOFvHcCIhw=` (the id in AWS's `@connections` examples).
 * Ids with `/` or `+` are drawn again: AWS's own are URL-safe in practice, and app code often
 * builds `@connections/<id>` URLs by hand without encoding them.
 */
export function newConnectionId(): string {
  for (;;) {
    const id = randomBase64(11);
    if (!/[/+]/.test(id)) return id;
  }
}

/** Random bytes drawn from a pool refilled 4 KB at a time: one CSPRNG call per ~370 ids, not one per id. */
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let used = 0;

function randomBase64(bytes: number): string {
  if (used + bytes > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  used += bytes;
  return pool.toString('base64', used - bytes, used);
}

/** WebSocket request ids (`requestContext.requestId`, `extendedRequestId`, `messageId`) share that shape. */
export const newRequestId = newConnectionId;

/** The management API answers with a UUID in `x-amzn-RequestId`, as other AWS JSON services do. */
export const newHttpRequestId = (): string => randomUUID();
