/** The Game row both variants send: the workshop's first word, 강아지, waiting to be guessed. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { adminClient } from '../../../emulator/dynamodb/admin-client.ts';

export const FIRST_GAME = { id: 1, nowWordIdx: 0, answeredWords: '', nowConsonant: 'ㄱㅇㅈ' };

/** Writes the row as the administrator, the way the workshop started each game from the console. */
export async function seedGame(endpoint: string, region: string): Promise<void> {
  const { doc, close } = adminClient(endpoint, region);
  try {
    await doc.send(new PutCommand({ TableName: 'Game', Item: FIRST_GAME }));
  } finally {
    close();
  }
}
