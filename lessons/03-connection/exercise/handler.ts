/**
 * Lesson 3, exercise: the connection function.
 *
 * In 2019 you pasted a handler into the Lambda console, set the timeout to 30 s and wired it to
 * the $connect and $disconnect routes. Here the lesson's stack does the wiring; you write the
 * two table calls. Run `npm run lesson:3` to connect a real WebSocket client and see.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';

const USER_TABLE = 'User';

// No region or endpoint here: Lambda (and the emulator) provide them through the environment.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, eventType } = event.requestContext;

  if (eventType === 'CONNECT') {
    console.log(`Connect requested: ${connectionId}`);
    // TODO: put { connectionId, answerCnt: 0 } into the User table with a PutCommand.
    //       Remember to `await` it: once the handler returns, Lambda freezes the instance.
    return { statusCode: 200, body: 'Connected.' };
  }

  if (eventType === 'DISCONNECT') {
    console.log(`Disconnect requested: ${connectionId}`);
    // TODO: delete this connection's row from User with a DeleteCommand (Key: { connectionId }).
    return { statusCode: 200, body: 'Disconnected.' };
  }

  return { statusCode: 404, body: 'illegal access' };
}

