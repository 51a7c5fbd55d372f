/**
 * Where the engine's error message differs from what DynamoDB says for the same request, the
 * message DynamoDB sends. Only the message changes; the error type and status stay the engine's.
 *
 * - A key with a wrongly named (or missing) key attribute in GetItem, DeleteItem or UpdateItem:
 *   DynamoDB Local says "One of the required keys was not given a value"; DynamoDB says "The
 *   provided key element does not match the schema" (ValidationException).
 */

const KEY_OPERATIONS = new Set(['GetItem', 'DeleteItem', 'UpdateItem']);
const LOCAL_MISSING_KEY = 'One of the required keys was not given a value';
export const KEY_SCHEMA_MISMATCH = 'The provided key element does not match the schema';

/** The body to send for an engine's 400 answer to `operation`; the same bytes when nothing differs. */
export function faithfulErrorBody(operation: string | undefined, body: Buffer): Buffer {
  if (!operation || !KEY_OPERATIONS.has(operation)) return body;
  let parsed: { __type?: unknown; message?: unknown; Message?: unknown };
  try {
    parsed = JSON.parse(body.toString('utf8')) as typeof parsed;
  } catch {
    return body;
  }
  if (typeof parsed.__type !== 'string' || !parsed.__type.endsWith('ValidationException')) return body;
  const key =
    typeof parsed.message === 'string'
      ? 'message'
      : typeof parsed.Message === 'string'
        ? 'Message'
        : undefined;
  if (!key || parsed[key] !== LOCAL_MISSING_KEY) return body;
  return Buffer.from(JSON.stringify({ ...parsed, [key]: KEY_SCHEMA_MISMATCH }));
}
