/**
 * callback-and-promise, broken: the workshop's helpers, on a v2-style client. Each call passes a
 * callback AND awaits `.promise()`, so each write is sent twice. The score uses ADD, so the
 * second send shows: one right answer, two points.
 */
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { DocumentClient } from './v2-style.ts';

const ddb = new DocumentClient();
const ANSWER = '강아지';

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;
  if (eventType === 'CONNECT') {
    await putToDyDB({ TableName: 'User', Item: { connectionId, answerCnt: 0 } });
    return { statusCode: 200, body: 'Connected.' };
  }
  const payload = JSON.parse(event.body ?? '{}') as { content?: string };
  if (payload.content === ANSWER) await addScore(connectionId);
  return { statusCode: 200, body: 'Data sent.' };
}

async function putToDyDB(params: { TableName: string; Item: Record<string, unknown> }): Promise<void> {
  await ddb
    .put(params, (err) => {
      if (err) console.error(`Unable to add item to '${params.TableName}' Table: ${err.message}`);
      else console.log(`Added item to '${params.TableName}' Table`);
    })
    .promise();
}

async function addScore(connectionId: string): Promise<void> {
  await ddb
    .update(
      {
        TableName: 'User',
        Key: { connectionId },
        UpdateExpression: 'ADD answerCnt :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
      (err) => {
        if (err) console.error(`Unable to add a point: ${err.message}`);
        else console.log(`Added a point for ${connectionId}`);
      },
    )
    .promise();
}
