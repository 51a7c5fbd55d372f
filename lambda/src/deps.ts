/**
 * What the handlers need from the outside world, gathered in one object so tests can run the real
 * handlers against a real engine with a recording poster. Clients live at module scope (they are
 * connection pools); game state never does: every invocation reads it from DynamoDB.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { managementEndpoint, type TableNames, tableNamesFromEnv } from './config.ts';
import { consoleLogger, type Logger } from './log.ts';
import { managementApiPoster, type Poster } from './poster.ts';
import { ChatStore } from './store/chat.ts';
import { GameStore } from './store/games.ts';
import { PlayerStore } from './store/players.ts';
import { UserStore } from './store/users.ts';
import { WordStore } from './store/words.ts';

export interface RequestEndpoint {
  domainName: string;
  stage: string;
}

export interface AppDeps {
  users: UserStore;
  chat: ChatStore;
  games: GameStore;
  words: WordStore;
  players: PlayerStore;
  posterFor(requestContext: RequestEndpoint): Poster;
  log: Logger;
  now(): Date;
  /** Room-index Query page size; undefined lets DynamoDB page at 1 MB. */
  pageSize?: number;
  /** How many messages a join reply carries. */
  recentChatLimit: number;
}

export interface DepsOptions {
  doc: DynamoDBDocumentClient;
  tables?: TableNames;
  posterFor?: (requestContext: RequestEndpoint) => Poster;
  log?: Logger;
  now?: () => Date;
  pageSize?: number;
  recentChatLimit?: number;
}

export function createDeps(options: DepsOptions): AppDeps {
  const tables = options.tables ?? tableNamesFromEnv();
  const deps: AppDeps = {
    users: new UserStore(options.doc, tables.user),
    chat: new ChatStore(options.doc, tables.chat),
    games: new GameStore(options.doc, tables.game),
    words: new WordStore(options.doc, tables.words),
    players: new PlayerStore(options.doc, tables.player),
    posterFor:
      options.posterFor ?? ((requestContext) => managementApiPoster(managementEndpoint(requestContext))),
    log: options.log ?? consoleLogger,
    now: options.now ?? (() => new Date()),
    recentChatLimit: options.recentChatLimit ?? 20,
  };
  if (options.pageSize !== undefined) deps.pageSize = options.pageSize;
  return deps;
}

/** Document client options shared by the Lambda and the seeder: Sets stay Sets, undefined is dropped. */
export function documentClient(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

let fromEnv: AppDeps | undefined;

/**
 * Deps for the deployed function: the SDK reads region and credentials from the environment
 * itself and uses the regional DynamoDB endpoint (on the emulator too; serverless-offline sets
 * AWS_ENDPOINT_URL_DYNAMODB, which the SDK also reads).
 */
export function defaultDeps(): AppDeps {
  fromEnv ??= createDeps({ doc: documentClient() });
  return fromEnv;
}
