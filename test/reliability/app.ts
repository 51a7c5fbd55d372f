/**
 * The whole app (serverless.yml on the emulator, as `npm start` runs it) started inside the test
 * process, so tests can shrink gateway limits and look at the emulator's own state and memory.
 * Everything binds to 127.0.0.1 on free ports; the engine is DynamoDB Local unless TEST_ENGINE or
 * DYNAMODB_ENGINE say otherwise.
 */
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { EngineKind } from '../../emulator/dynamodb/engine.ts';
import { loadServerlessStack } from '../../emulator/serverless/load.ts';
import type { RunningEmulator, StartOptions } from '../../emulator/start.ts';
import {
  type ChatFrame2019,
  connect,
  type GameFrame2019,
  isChat,
  isGame,
  type RecordingClient,
} from '../conformance/clients.ts';
import { startTestEmulator } from '../support/emulator.ts';
import { adminClients } from '../support/engine.ts';

export { type ChatFrame2019, connect, type GameFrame2019, isChat, isGame, type RecordingClient };

const REPO = resolve(import.meta.dirname, '../..');

export interface App {
  emulator: RunningEmulator;
  admin: ReturnType<typeof adminClients>;
  ws: string;
  /** Every line the emulator printed (denials, integration errors, refusals). */
  lines: string[];
  /** All items of a table, read consistently through the engine itself (no IAM in the way). */
  scan(table: 'User' | 'Chat' | 'Game' | 'Words' | 'Player'): Promise<Record<string, unknown>[]>;
  /** The word that answers question `index` of the seeded bank. */
  questionWord(index: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startApp(options: StartOptions = {}): Promise<App> {
  const stack = await loadServerlessStack(resolve(REPO, 'serverless.yml'));
  const lines: string[] = [];
  const envEngine = (process.env.TEST_ENGINE ?? process.env.DYNAMODB_ENGINE) as EngineKind | undefined;
  const emulator = await startTestEmulator(stack, {
    ...(envEngine ? { engine: envEngine } : {}),
    log: (line) => lines.push(line),
    ...options,
  });
  const admin = adminClients(emulator.engineEndpoint);
  return {
    emulator,
    admin,
    ws: emulator.urls.ws,
    lines,
    async scan(table) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      for (let page = 0; page < 10_000; page++) {
        const out = await admin.doc.send(
          new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }),
        );
        items.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
        if (!start) break;
      }
      return items;
    },
    async questionWord(index) {
      const { Item } = await admin.doc.send(
        new GetCommand({ TableName: 'Words', Key: { key: `question#${index}` } }),
      );
      if (typeof Item?.word !== 'string') throw new Error(`the word bank has no question #${index}`);
      return Item.word;
    },
    async stop() {
      admin.ddb.destroy();
      await emulator.stop();
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A full garbage collection, available without --expose-gc (the flag is set at run time). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') throw new Error('cannot reach the garbage collector');
  gc();
  gc();
}

/** True for the error frame docs/protocol.md promises a sender of an invalid frame. */
export function isErrorFrame(frame: unknown): frame is { error: { code: string; message: string } } {
  const e = (frame as { error?: unknown })?.error as { code?: unknown; message?: unknown } | undefined;
  return typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
}

/** API Gateway's answer when the integration failed: `{"message":"Internal server error",…}`. */
export function isInternalError(
  frame: unknown,
): frame is { message: string; connectionId: string; requestId: string } {
  const f = frame as Record<string, unknown>;
  return (
    f?.message === 'Internal server error' &&
    typeof f.connectionId === 'string' &&
    typeof f.requestId === 'string'
  );
}

/** Plays one round with fresh 2019-protocol clients: start!, a chat, the right answer; returns the new game frame. */
/** A game frame as the app sends it: the 2019 fields plus the round number. */
export type GameFrame = GameFrame2019 & { round: number };

export async function playRound(app: App, name = '확인'): Promise<{ before: GameFrame; after: GameFrame }> {
  const [a, b] = await Promise.all([connect(app.ws), connect(app.ws)]);
  try {
    a.socket.send('start!');
    const before = await a.waitFor(isGame, 'a game frame after start!');
    const text = `${name}-${Math.random().toString(36).slice(2, 8)}`;
    a.socket.send(JSON.stringify({ username: name, content: text }));
    const said = (f: unknown): f is ChatFrame2019 => isChat(f) && f.content === text;
    await Promise.all([a.waitFor(said, 'the chat echo'), b.waitFor(said, 'the chat broadcast')]);
    const answer = await app.questionWord(before.nowWordIdx);
    a.socket.send(JSON.stringify({ username: name, content: answer }));
    const next = (f: unknown): f is GameFrame2019 => isGame(f) && f.nowWordIdx !== before.nowWordIdx;
    const [after] = await Promise.all([
      a.waitFor(next, 'the next question'),
      b.waitFor(next, 'the next question'),
    ]);
    return { before: before as GameFrame, after: after as GameFrame };
  } finally {
    a.close();
    b.close();
  }
}
