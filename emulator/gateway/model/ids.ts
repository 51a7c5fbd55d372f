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
    const id = randomBytes(11).toString('base64');
    if (!/[/+]/.test(id)) return id;
  }
}

/** WebSocket request ids (`requestContext.requestId`, `extendedRequestId`, `messageId`) share that shape. */
export const newRequestId = newConnectionId;

/** The management API answers with a UUID in `x-amzn-RequestId`, as other AWS JSON services do. */
export const newHttpRequestId = (): string => randomUUID();
