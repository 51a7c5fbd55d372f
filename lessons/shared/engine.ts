/** A DynamoDB engine and an administrator's client for the checks that need only tables. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { adminClient } from '../../emulator/dynamodb/admin-client.ts';
import { type Engine, type EngineKind, startEngine } from '../../emulator/dynamodb/engine.ts';
import { DEFAULTS } from '../../emulator/stack.ts';
import { engineLine } from '../runner/engine-lines.ts';
import type { Msg } from '../runner/i18n.ts';

export interface CheckEngine {
  engine: Engine;
  ddb: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export async function startCheckEngine(
  kind: EngineKind | undefined,
  log: (line: Msg) => void,
): Promise<CheckEngine> {
  // The engine speaks English to its own log; the learner reads its lines in both languages.
  const say = (line: string) => log(engineLine(line));
  const engine = await startEngine({ ...(kind ? { kind } : {}), port: 0, log: say });
  say(`DynamoDB: ${engine.description} at ${engine.endpoint}`);
  const { ddb, doc, close } = adminClient(engine.endpoint, DEFAULTS.region);
  return {
    engine,
    ddb,
    doc,
    stop: async () => {
      close();
      await engine.stop();
    },
  };
}
