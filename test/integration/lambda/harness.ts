/**
 * Runs the real Lambda handlers against a real DynamoDB engine. The only stand-in is the poster:
 * a recording implementation of the same interface the management API client fills in production,
 * which can also play a closed connection (a real GoneException, as the SDK throws it).
 */
import { randomUUID } from 'node:crypto';
import { GoneException } from '@aws-sdk/client-apigatewaymanagementapi';
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '../../../lambda/src/config.ts';
import { type AppDeps, createDeps } from '../../../lambda/src/deps.ts';
import type { WebSocketEvent } from '../../../lambda/src/handlers/route.ts';
import { dispatch } from '../../../lambda/src/index.ts';
import type { LogContext, Logger } from '../../../lambda/src/log.ts';
import type { Poster } from '../../../lambda/src/poster.ts';
import { questionOrder } from '../../../lambda/src/rules/shuffle.ts';
import { appTablesNamed } from '../../../lambda/src/tables.ts';
import { seedApp } from '../../../lambda/src/words/seed.ts';

export class RecordingPoster implements Poster {
  readonly frames = new Map<string, string[]>();
  readonly gone = new Set<string>();
  readonly forbidden = new Set<string>();

  async post(connectionId: string, data: string): Promise<void> {
    if (this.gone.has(connectionId)) {
      throw new GoneException({
        message: `connection ${connectionId} is gone`,
        $metadata: { httpStatusCode: 410 },
      });
    }
    if (this.forbidden.has(connectionId)) {
      const error = new Error('Forbidden');
      error.name = 'ForbiddenException';
      throw Object.assign(error, { $metadata: { httpStatusCode: 403 } });
    }
    const list = this.frames.get(connectionId) ?? [];
    list.push(data);
    this.frames.set(connectionId, list);
  }

  /** Parsed frames one connection received, in order. */
  received(connectionId: string): Record<string, unknown>[] {
    return (this.frames.get(connectionId) ?? []).map((frame) => JSON.parse(frame) as Record<string, unknown>);
  }

  ofType(connectionId: string, type: string): Record<string, unknown>[] {
    return this.received(connectionId).filter((frame) => frame.type === type);
  }

  clear(): void {
    this.frames.clear();
  }
}

export class RecordingLogger implements Logger {
  readonly lines: { level: 'info' | 'error'; message: string; context: LogContext }[] = [];
  info(message: string, context: LogContext = {}) {
    this.lines.push({ level: 'info', message, context });
  }
  error(message: string, context: LogContext = {}) {
    this.lines.push({ level: 'error', message, context });
  }
}

export interface World {
  tables: TableNames;
  deps: AppDeps;
  poster: RecordingPoster;
  logger: RecordingLogger;
  connect(query?: Record<string, string>): Promise<string>;
  send(connectionId: string, body: string, routeKey?: string): Promise<number>;
  disconnect(connectionId: string): Promise<void>;
  scan(table: keyof TableNames): Promise<Record<string, unknown>[]>;
}

export interface WorldOptions {
  questions: readonly string[];
  nouns: Iterable<string>;
  pageSize?: number;
}

/** Fresh tables (unique names) with a seeded word bank, and the handlers wired to them. */
export async function createWorld(
  ddb: DynamoDBClient,
  doc: DynamoDBDocumentClient,
  options: WorldOptions,
): Promise<World> {
  const prefix = `t${randomUUID().slice(0, 8)}`;
  const tables: TableNames = {
    user: `${prefix}-User`,
    chat: `${prefix}-Chat`,
    game: `${prefix}-Game`,
    words: `${prefix}-Words`,
    player: `${prefix}-Player`,
  };
  await Promise.all(appTablesNamed(tables).map((definition) => ddb.send(new CreateTableCommand(definition))));
  await seedApp(doc, { tables, questions: options.questions, nouns: options.nouns });
  const poster = new RecordingPoster();
  const logger = new RecordingLogger();
  const deps = createDeps({
    doc,
    tables,
    posterFor: () => poster,
    log: logger,
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
  });
  const world: World = {
    tables,
    deps,
    poster,
    logger,
    async connect(query) {
      const connectionId = `${randomUUID().slice(0, 12)}=`;
      const result = await dispatch(wsEvent('$connect', connectionId, undefined, query), deps);
      if (result.statusCode !== 200) throw new Error(`$connect refused: ${result.statusCode} ${result.body}`);
      return connectionId;
    },
    async send(connectionId, body, routeKey) {
      const route = routeKey ?? routeFor(body);
      return (await dispatch(wsEvent(route, connectionId, body), deps)).statusCode;
    },
    async disconnect(connectionId) {
      await dispatch(wsEvent('$disconnect', connectionId), deps);
    },
    async scan(table) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await doc.send(
          new ScanCommand({ TableName: tables[table], ExclusiveStartKey: start, ConsistentRead: true }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
  return world;
}

/** Route selection as the API does it: `$request.body.action`, `join` is the only custom route. */
function routeFor(body: string): string {
  try {
    const value = JSON.parse(body) as { action?: unknown };
    return value && typeof value === 'object' && value.action === 'join' ? 'join' : '$default';
  } catch {
    return '$default';
  }
}

export function wsEvent(
  routeKey: string,
  connectionId: string,
  body?: string,
  query?: Record<string, string>,
): WebSocketEvent {
  const eventType =
    routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE';
  const now = Date.now();
  const event: WebSocketEvent = {
    requestContext: {
      routeKey,
      messageId: randomUUID(),
      eventType,
      extendedRequestId: randomUUID(),
      requestTime: new Date(now).toUTCString(),
      messageDirection: 'IN',
      stage: 'dev',
      connectedAt: now,
      requestTimeEpoch: now,
      requestId: randomUUID(),
      domainName: '127.0.0.1',
      connectionId,
      apiId: 'chosung001',
    },
    isBase64Encoded: false,
  };
  if (body !== undefined) event.body = body;
  if (query) event.queryStringParameters = query;
  return event;
}

/** The questions in the order `room` asks them (rules/shuffle.ts). */
export const sequence = (room: string, questions: readonly string[]) =>
  questionOrder(room, questions.length).map((index) => questions[index] as string);

/** A room whose shuffled sequence starts with `prefix`, so a test can play a known order. */
export function roomAsking(questions: readonly string[], prefix: readonly string[]): string {
  for (let i = 0; i < 100_000; i++) {
    const room = `seq${i}`;
    if (sequence(room, questions).slice(0, prefix.length).join() === prefix.join()) return room;
  }
  throw new Error(`no room asks ${prefix.join(', ')} first`);
}
