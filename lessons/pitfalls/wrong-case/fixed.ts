/**
 * wrong-case, fixed: table names come from names.ts, so there is nothing to misspell, and a
 * message that is not `{ "username", "content" }` is answered with an error that says so.
 */
import { DeleteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, postTo, type WsEvent, type WsResult } from '../kit/lambda.ts';
import { CHAT_KEYS, TABLE } from './names.ts';

export async function handler(event: WsEvent): Promise<WsResult> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await db.send(new PutCommand({ TableName: TABLE.user, Item: { connectionId, answerCnt: 0 } }));
    return { statusCode: 200, body: 'Connected.' };
  }
  if (eventType === 'DISCONNECT') {
    await db.send(new DeleteCommand({ TableName: TABLE.user, Key: { connectionId } }));
    return { statusCode: 200, body: 'Disconnected.' };
  }

  const payload = parseObject(event.body);
  if (typeof payload.username !== 'string' || typeof payload.content !== 'string') {
    const got = Object.keys(payload).join(', ') || 'none';
    const message = `a chat is {"${CHAT_KEYS.join('": "…", "')}": "…"}, in lower case; this message had keys: ${got}`;
    await postTo(event, connectionId, { error: { code: 'NotAChat', message } });
    return { statusCode: 200, body: 'Rejected.' };
  }
  const chat = { username: payload.username, content: payload.content };
  await db.send(
    new PutCommand({
      TableName: TABLE.chat,
      Item: { timestamp: new Date().toISOString(), room: 'general', ...chat },
    }),
  );
  const { Items = [] } = await db.send(new ScanCommand({ TableName: TABLE.user }));
  await Promise.all(Items.map((item) => postTo(event, String(item.connectionId), chat)));
  return { statusCode: 200, body: 'Data sent.' };
}

function parseObject(body: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body ?? '');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
