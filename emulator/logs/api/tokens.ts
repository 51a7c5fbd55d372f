/**
 * Pagination tokens. Each names the last event handed out, by (timestamp, arrival number), so a
 * page stays correct while new events keep arriving, as `aws logs tail --follow` relies on.
 */
import { invalid } from './errors.ts';

export interface Position {
  timestamp: number;
  id: number;
}

export function before(a: Position, b: Position): boolean {
  return a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.id < b.id);
}

export function encodeToken(kind: string, p: Position, salt = ''): string {
  return `${kind}/${Buffer.from(JSON.stringify([p.timestamp, p.id, salt])).toString('base64url')}`;
}

export function decodeToken(token: string, kind: string, salt = ''): Position {
  const [k, body] = token.split('/', 2);
  try {
    if (k !== kind || body === undefined) throw new Error('kind');
    const [timestamp, id, s] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown[];
    if (typeof timestamp !== 'number' || typeof id !== 'number' || s !== salt) throw new Error('shape');
    return { timestamp, id };
  } catch {
    throw invalid('The specified nextToken is invalid.');
  }
}
