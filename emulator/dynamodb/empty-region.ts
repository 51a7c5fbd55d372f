/**
 * DynamoDB in a region where the stack has no tables: what a client configured for the wrong
 * region meets on AWS (the `wrong-region` pitfall). ListTables answers an empty list; anything
 * naming a table is ResourceNotFoundException, with DynamoDB's own messages. Tables exist only in
 * the stack's region, so creating one elsewhere is refused with a message that says so.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TARGET_PREFIX = 'DynamoDB_20120810.';
const JSON_TYPE = 'application/x-amz-json-1.0';
const MAX_BODY = 1024 * 1024;

export function emptyRegionHandler(
  region: string,
  stackRegion: string,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.once('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      let table = '';
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { TableName?: unknown };
        table = typeof body.TableName === 'string' ? body.TableName : '';
      } catch {
        // An unreadable body names no table; the generic message below fits it.
      }
      if (operation === 'ListTables') {
        send(res, 200, { TableNames: [] });
      } else if (operation === 'CreateTable') {
        send(res, 400, {
          __type: 'com.amazon.coral.validate#ValidationException',
          message: `The workbench keeps tables in ${stackRegion} only; this client is configured for ${region}.`,
        });
      } else if (operation === 'DescribeTable' && table) {
        notFound(res, `Requested resource not found: Table: ${table} not found`);
      } else {
        notFound(res, 'Requested resource not found');
      }
    });
    req.once('error', () => res.destroy());
  };
}

function notFound(res: ServerResponse, message: string): void {
  send(res, 400, { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message });
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(text);
}
