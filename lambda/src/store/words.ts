/**
 * The word bank in the Words table: the question list (one item per question plus a count) and, per
 * consonant pattern, the set of dictionary nouns that answer it. Read-only for the Lambda; written by
 * words/seed.ts.
 */
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Question } from '../rules/game.ts';

export const META_KEY = 'meta';
export const questionKey = (index: number) => `question#${index}`;
export const patternKey = (pattern: string) => `pattern#${pattern}`;

export class WordStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async questionCount(): Promise<number> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.table, Key: { key: META_KEY } }));
    const count = Item?.questionCount;
    if (typeof count !== 'number' || count < 1) {
      throw new Error(
        `word bank in table "${this.table}" is not seeded (no "${META_KEY}" item): run \`npm run words\``,
      );
    }
    return count;
  }

  async question(index: number): Promise<Question> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: { key: questionKey(index) } }),
    );
    if (typeof Item?.word !== 'string' || typeof Item.consonant !== 'string') {
      throw new Error(`word bank in table "${this.table}" has no question #${index}: run \`npm run words\``);
    }
    return { index, word: Item.word, consonant: Item.consonant };
  }

  /** Every accepted answer for the pattern; empty when the bank has none. */
  async answersFor(pattern: string): Promise<ReadonlySet<string>> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.table,
        Key: { key: patternKey(pattern) },
        ProjectionExpression: '#words',
        ExpressionAttributeNames: { '#words': 'words' },
      }),
    );
    const words: unknown = Item?.words;
    return words instanceof Set ? (words as Set<string>) : new Set();
  }
}
