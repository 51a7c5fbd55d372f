/** The Game row both variants send: the workshop's first word, 강아지, waiting to be guessed. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

export const FIRST_GAME = { id: 1, nowWordIdx: 0, answeredWords: '', nowConsonant: 'ㄱㅇㅈ' };

/** Writes the row as the administrator, the way the workshop started each game from the console. */
export async function seedGame(endpoint: string, region: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIAPITFALLSEED00000', secretAccessKey: 'pitfall-seed' },
  });
  try {
    await DynamoDBDocumentClient.from(client).send(new PutCommand({ TableName: 'Game', Item: FIRST_GAME }));
  } finally {
    client.destroy();
  }
}
