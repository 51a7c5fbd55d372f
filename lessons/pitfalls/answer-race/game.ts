/** The Game row both variants read; the difference between them is only how they write it. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { consonantsOf, db } from '../kit/lambda.ts';
import { wordAt } from '../kit/words.ts';

export interface Game {
  id: number;
  nowWordIdx: number;
  answeredWords: string;
  nowConsonant: string;
}

export async function readGame(): Promise<Game> {
  const { Item } = await db.send(new GetCommand({ TableName: 'Game', Key: { id: 1 }, ConsistentRead: true }));
  return Item as Game;
}

export function nextGame(game: Game, answer: string): Game {
  const nowWordIdx = game.nowWordIdx + 1;
  return {
    id: 1,
    nowWordIdx,
    answeredWords: [game.answeredWords, answer].filter(Boolean).join(', '),
    nowConsonant: consonantsOf(wordAt(nowWordIdx)),
  };
}
