/**
 * default-timeout: the same handler in both runs; only the function's timeout differs. A chat
 * message is saved, then each player gets the state one after the other (the slow part: here a
 * fixed 600 ms per player stands for a slow downstream call), then the game row is updated.
 * With Lambda's default of 3 seconds the invocation is cut off between the two writes.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const PLAYERS = 8;
const PER_PLAYER_MS = 600;

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  if (event.requestContext.eventType !== 'MESSAGE') return { statusCode: 200, body: 'OK' };
  const content = String(event.body ?? '');
  await db.send(
    new PutCommand({
      TableName: 'Chat',
      Item: { timestamp: new Date().toISOString(), room: 'general', username: '철수', content },
    }),
  );
  console.log('chat saved; notifying the players one by one…');
  for (let player = 1; player <= PLAYERS; player++) {
    await new Promise((resolve) => setTimeout(resolve, PER_PLAYER_MS));
    console.log(`player ${player}/${PLAYERS} notified`);
  }
  await db.send(
    new PutCommand({
      TableName: 'Game',
      Item: { id: 1, nowWordIdx: 1, answeredWords: content, nowConsonant: 'ㅂㄴㄴ' },
    }),
  );
  console.log('game row updated');
  return { statusCode: 200, body: 'Data sent.' };
}
