/**
 * undeployed-route: the one function (android-realtime-lambda) behind every route. It says which
 * route the message came in on, in its log and back to the sender, so the room sees where a
 * `{"action":"sendmessage"}` landed.
 */
import { keepUserTable, OK, postTo, type WsEvent, type WsResult } from '../kit/lambda.ts';

export async function handler(event: WsEvent): Promise<WsResult> {
  if (await keepUserTable(event)) return OK;
  const { routeKey, connectionId } = event.requestContext;
  console.log(`route ${routeKey} got ${event.body ?? ''}`);
  await postTo(event, connectionId, { route: routeKey });
  return OK;
}
