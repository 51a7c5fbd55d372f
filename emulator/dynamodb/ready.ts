/** Readiness by a real call: an engine is up when ListTables answers, not when a timer runs out. */
import { request } from 'node:http';

function listTablesOnce(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      `${endpoint}/`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          'x-amz-date': '20200101T000000Z',
          // DynamoDB Local and dynalite check the header's shape, not the signature.
          authorization:
            'AWS4-HMAC-SHA256 Credential=ready/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        timeout: 2000,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end('{}');
  });
}

export async function waitForDynamo(
  endpoint: string,
  opts: { timeoutMs?: number; isAlive?: () => boolean } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  // A refused connection costs next to nothing; a long pause would be READY's lag behind an
  // engine that is up (up to 100 ms, about 50 on average, when the cap was 100 ms).
  for (let delay = 10; ; delay = Math.min(delay * 2, 20)) {
    if (await listTablesOnce(endpoint)) return;
    if (opts.isAlive && !opts.isAlive())
      throw new Error(`the DynamoDB engine at ${endpoint} exited while starting`);
    if (Date.now() > deadline)
      throw new Error(`DynamoDB at ${endpoint} did not answer ListTables within the time limit`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
