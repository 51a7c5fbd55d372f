/**
 * Writes the word bank to the Words table and the default room's first game, before the first
 * connection. Runs at every `npm start` against an in-memory engine, so it writes in parallel
 * BatchWriteItem chunks and skips the work when the stored bank already has this version.
 */
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { type TableNames, tableNamesFromEnv } from '../config.ts';
import { DEFAULT_ROOM, firstQuestionIndex, initialGameState } from '../rules/game.ts';
import { GameStore } from '../store/games.ts';
import { META_KEY, patternKey, questionKey, WordStore } from '../store/words.ts';
import { bankVersion, buildWordBank, type WordBank } from './bank.ts';
import { loadDictionaryNouns } from './dictionary.ts';
import { QUESTIONS } from './questions.ts';

/** For a caller that loads the dictionary ahead of the seed (the emulator, while its engine starts). */
export { loadDictionaryNouns };

export interface SeedOptions {
  tables?: TableNames;
  /** Defaults to the curated list. */
  questions?: readonly string[];
  /** Defaults to the nouns of dictionary-ko. */
  nouns?: Iterable<string>;
  allPatterns?: boolean;
  /** Rewrite even when the stored version matches. */
  force?: boolean;
  /** Parallel BatchWriteItem requests. */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface SeedReport {
  version: string;
  questions: number;
  patterns: number;
  answers: number;
  /** False when the stored bank already had this version. */
  written: boolean;
}

const BATCH_SIZE = 25;
const MAX_ATTEMPTS = 8;

export async function seedWordBank(
  doc: DynamoDBDocumentClient,
  options: SeedOptions = {},
): Promise<SeedReport> {
  const tables = options.tables ?? tableNamesFromEnv();
  const log = options.log ?? (() => {});
  const bank = buildWordBank(options.questions ?? QUESTIONS, options.nouns ?? loadDictionaryNouns(), {
    allPatterns: options.allPatterns ?? false,
  });
  const version = bankVersion(bank);
  const report: SeedReport = {
    version,
    questions: bank.questions.length,
    patterns: bank.answers.size,
    answers: [...bank.answers.values()].reduce((sum, set) => sum + set.size, 0),
    written: false,
  };
  if (!options.force) {
    const { Item } = await doc.send(
      new GetCommand({ TableName: tables.words, Key: { key: META_KEY }, ConsistentRead: true }),
    );
    if (Item?.version === version) {
      log(`word bank ${version} already in ${tables.words}`);
      return report;
    }
  }
  const items = bankItems(bank);
  log(
    `writing ${items.length} items (${report.questions} questions, ${report.patterns} patterns, ${report.answers} answers) to ${tables.words}…`,
  );
  await batchWriteAll(doc, tables.words, items, options.concurrency ?? 8, log);
  // Written last: a bank whose meta item exists is complete.
  await doc.send(
    new PutCommand({
      TableName: tables.words,
      Item: {
        key: META_KEY,
        questionCount: bank.questions.length,
        version,
        source: 'dictionary-ko nouns + curated questions',
      },
    }),
  );
  log(`word bank ${version} written`);
  return { ...report, written: true };
}

/** The default room's game row, so the first `start!` finds a question waiting. */
export async function seedDefaultRoom(
  doc: DynamoDBDocumentClient,
  options: { tables?: TableNames } = {},
): Promise<void> {
  const tables = options.tables ?? tableNamesFromEnv();
  const words = new WordStore(doc, tables.words);
  // The default room asks its own shuffled sequence, like every other room (rules/shuffle.ts).
  const first = await words.question(firstQuestionIndex(DEFAULT_ROOM, await words.questionCount()));
  const games = new GameStore(doc, tables.game);
  await games.create(initialGameState(DEFAULT_ROOM, first), new Date());
}

/** Everything the app needs before its first connection. */
export async function seedApp(doc: DynamoDBDocumentClient, options: SeedOptions = {}): Promise<SeedReport> {
  const report = await seedWordBank(doc, options);
  await seedDefaultRoom(doc, options.tables ? { tables: options.tables } : {});
  return report;
}

function bankItems(bank: WordBank): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = bank.questions.map((question) => ({
    key: questionKey(question.index),
    word: question.word,
    consonant: question.consonant,
  }));
  for (const [pattern, words] of bank.answers) items.push({ key: patternKey(pattern), words });
  return items;
}

async function batchWriteAll(
  doc: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
  concurrency: number,
  log: (line: string) => void,
): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += BATCH_SIZE) chunks.push(items.slice(i, i + BATCH_SIZE));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++] ?? [];
      await writeChunk(doc, table, chunk);
      done += 1;
      if (done % 50 === 0 || done === chunks.length) log(`  ${done}/${chunks.length} batches`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, chunks.length)) }, worker));
}

async function writeChunk(
  doc: DynamoDBDocumentClient,
  table: string,
  chunk: Record<string, unknown>[],
): Promise<void> {
  let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 1; requests.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS)
      throw new Error(
        `BatchWriteItem to ${table} left ${requests.length} items unprocessed after ${MAX_ATTEMPTS} attempts`,
      );
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 10));
    const result = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
    requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
  }
}
