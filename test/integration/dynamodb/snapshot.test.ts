/**
 * A seeded snapshot on the real DynamoDB Local and on dynalite: the first start runs on an empty
 * database and keeps it once seeded; every later start begins from that state, and what a run
 * writes after the snapshot is gone at the next start, as with -inMemory.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startEngine } from '../../../emulator/dynamodb/engine.ts';
import { snapshotExists } from '../../../emulator/dynamodb/snapshot.ts';
import { ensureTables, workshopTables } from '../../../emulator/dynamodb/tables.ts';
import { adminClients } from '../../support/engine.ts';

const KEY = `test-${randomUUID().slice(0, 8)}`;
const SNAPSHOTS = resolve(import.meta.dirname, '..', '..', '..', '.local', 'dynamodb-snapshots');
afterAll(() => {
  rmSync(resolve(SNAPSHOTS, KEY), { recursive: true, force: true });
  rmSync(resolve(SNAPSHOTS, `${KEY}.dynalite.json`), { force: true });
});

type Clients = ReturnType<typeof adminClients>;

async function run(
  body: (clients: Clients, restored: boolean, save?: () => void) => Promise<void>,
  persistDir?: string,
) {
  const engine = await startEngine({ kind: 'local', port: 0, snapshot: KEY, persistDir });
  const clients = adminClients(engine.endpoint);
  try {
    // In memory, the database is a copy of its own; with --persist, the folder itself.
    expect(engine.copyDir !== undefined).toBe(persistDir === undefined);
    if (engine.copyDir) expect(existsSync(engine.copyDir)).toBe(true);
    await body(clients, engine.restored === true, engine.saveSnapshot);
  } finally {
    clients.ddb.destroy();
    await engine.stop();
  }
  if (engine.copyDir) expect(existsSync(engine.copyDir)).toBe(false);
}

const user = ({ doc }: Clients, connectionId: string) =>
  doc.send(new GetCommand({ TableName: 'User', Key: { connectionId } })).then((r) => r.Item);

describe('DynamoDB Local from a seeded snapshot', () => {
  it('keeps what was seeded, drops what a run wrote after, and leaves no copy behind', {
    timeout: 120_000,
  }, async () => {
    expect(snapshotExists(KEY)).toBe(false);

    await run(async (clients, restored, save) => {
      const { doc } = clients;
      expect(restored).toBe(false);
      await ensureTables(clients.ddb, workshopTables);
      await doc.send(new PutCommand({ TableName: 'User', Item: { connectionId: 'seeded', answerCnt: 0 } }));
      save?.();
      await doc.send(new PutCommand({ TableName: 'User', Item: { connectionId: 'after', answerCnt: 0 } }));
    });
    expect(snapshotExists(KEY)).toBe(true);

    await run(async (clients, restored) => {
      expect(restored).toBe(true);
      expect(await user(clients, 'seeded')).toEqual({ connectionId: 'seeded', answerCnt: 0 });
      expect(await user(clients, 'after')).toBeUndefined();
      await clients.doc.send(
        new PutCommand({ TableName: 'User', Item: { connectionId: 'second run', answerCnt: 1 } }),
      );
    });

    await run(async (clients, restored) => {
      expect(restored).toBe(true);
      expect(await user(clients, 'second run')).toBeUndefined();
      expect(await user(clients, 'seeded')).toBeDefined();
    });
  });

  it('starts an empty --persist folder from it; that folder then keeps its own data', {
    timeout: 120_000,
  }, async () => {
    expect(snapshotExists(KEY)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'snapshot-persist-'));
    try {
      await run(async (clients, restored) => {
        expect(restored).toBe(true);
        expect(await user(clients, 'seeded')).toBeDefined();
        await clients.doc.send(
          new PutCommand({ TableName: 'User', Item: { connectionId: 'kept', answerCnt: 2 } }),
        );
      }, dir);
      await run(async (clients, restored) => {
        expect(restored).toBe(false);
        expect(await user(clients, 'kept')).toEqual({ connectionId: 'kept', answerCnt: 2 });
      }, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A table with a global secondary index: its index entries must come back with the items. */
const SCORES = {
  TableName: 'Scores',
  BillingMode: 'PAY_PER_REQUEST' as const,
  AttributeDefinitions: [
    { AttributeName: 'id', AttributeType: 'S' as const },
    { AttributeName: 'room', AttributeType: 'S' as const },
  ],
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'byRoom',
      KeySchema: [{ AttributeName: 'room', KeyType: 'HASH' as const }],
      Projection: { ProjectionType: 'ALL' as const },
    },
  ],
};

describe('dynalite from a seeded snapshot', () => {
  async function runDynalite(body: (clients: Clients, restored: boolean) => Promise<void>) {
    const engine = await startEngine({ kind: 'dynalite', port: 0, snapshot: KEY });
    const clients = adminClients(engine.endpoint);
    try {
      await body(clients, engine.restored === true);
      // What was restored is never saved again: the snapshot stays the first seed.
      if (!engine.restored) await engine.saveSnapshot?.();
    } finally {
      clients.ddb.destroy();
      await engine.stop();
    }
  }
  const inRoom = ({ doc }: Clients, room: string) =>
    doc
      .send(
        new QueryCommand({
          TableName: 'Scores',
          IndexName: 'byRoom',
          KeyConditionExpression: 'room = :r',
          ExpressionAttributeValues: { ':r': room },
        }),
      )
      .then((r) => r.Items);

  it('restores tables, items and index entries, and each run starts from the seed again', async () => {
    expect(snapshotExists(KEY, 'dynalite')).toBe(false);

    await runDynalite(async (clients, restored) => {
      expect(restored).toBe(false);
      await ensureTables(clients.ddb, [...workshopTables, SCORES]);
      await clients.doc.send(
        new PutCommand({ TableName: 'User', Item: { connectionId: 'seeded', answerCnt: 0 } }),
      );
      await clients.doc.send(
        new PutCommand({ TableName: 'Scores', Item: { id: 'a', room: 'lobby', score: 3 } }),
      );
    });
    expect(snapshotExists(KEY, 'dynalite')).toBe(true);

    await runDynalite(async (clients, restored) => {
      expect(restored).toBe(true);
      const table = await clients.ddb.send(new DescribeTableCommand({ TableName: 'Scores' }));
      expect(table.Table).toMatchObject({ TableStatus: 'ACTIVE', TableName: 'Scores' });
      expect(await user(clients, 'seeded')).toEqual({ connectionId: 'seeded', answerCnt: 0 });
      expect(await inRoom(clients, 'lobby')).toEqual([{ id: 'a', room: 'lobby', score: 3 }]);
      await clients.doc.send(
        new PutCommand({ TableName: 'Scores', Item: { id: 'b', room: 'lobby', score: 1 } }),
      );
      expect(await inRoom(clients, 'lobby')).toHaveLength(2);
    });

    await runDynalite(async (clients, restored) => {
      expect(restored).toBe(true);
      expect(await inRoom(clients, 'lobby')).toEqual([{ id: 'a', room: 'lobby', score: 3 }]);
    });
  });
});
