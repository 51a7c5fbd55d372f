/**
 * `npm start` as a user runs it: READY line, real DynamoDB behind it, and nothing left running
 * after it stops — the JVM included, whichever way the parent goes.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { META_KEY } from '../../../lambda/src/store/words.ts';
import { adminClients } from '../../support/engine.ts';
import { descendantsMatching, startScript, stillRunning, waitForExit } from '../../support/processes.ts';

// The READY `dynamodb` URL is the IAM-enforcing proxy; the JVM listens on a port of its own, so it
// is found as the start script's descendant.
const jvmsOf = (pid: number | undefined) => descendantsMatching(pid ?? -1, 'DynamoDBLocal.jar');

describe('npm start', () => {
  it('reaches READY on DynamoDB Local and stops the JVM on SIGTERM within 5 s', async () => {
    const { child, ready, output } = await startScript('scripts/start.ts');
    const { ddb } = adminClients(ready.dynamodb ?? '');
    try {
      expect(output()).toMatch(/DynamoDB Local 3\.3\.0 \(Java 1[7-9]|Java 2\d/);
      const tables = await ddb.send(new ListTablesCommand({}));
      expect(tables.TableNames).toEqual(expect.arrayContaining(['User', 'Chat', 'Game']));
      const jvms = jvmsOf(child.pid);
      expect(jvms.length).toBeGreaterThan(0);

      child.kill('SIGTERM');
      expect(await waitForExit(child, 5000)).toBe(0);
      expect(stillRunning(jvms)).toEqual([]);
    } finally {
      ddb.destroy();
      child.kill('SIGKILL');
    }
  });

  it('starts from the tables its first start seeded, without what the last run wrote', async () => {
    const stopped = async (started: Awaited<ReturnType<typeof startScript>>) => {
      started.child.kill('SIGTERM');
      await waitForExit(started.child, 10_000);
    };
    const first = await startScript('scripts/start.ts', ['--no-watch']);
    const { ddb, doc } = adminClients(first.ready.dynamodb ?? '');
    await doc.send(
      new PutCommand({
        TableName: 'Chat',
        Item: { room: 'general', messageKey: 'then', username: '철수', content: '지난번' },
      }),
    );
    ddb.destroy();
    await stopped(first);

    const second = await startScript('scripts/start.ts', ['--no-watch']);
    const again = adminClients(second.ready.dynamodb ?? '');
    try {
      expect(second.output()).toContain('seeded, as the first start left them');
      expect(second.output()).not.toContain('seeding the word bank');
      const meta = await again.doc.send(new GetCommand({ TableName: 'Words', Key: { key: META_KEY } }));
      expect(meta.Item?.questionCount).toBeGreaterThan(0);
      const chats = await again.doc.send(new ScanCommand({ TableName: 'Chat' }));
      expect(chats.Items?.some((item) => item.content === '지난번')).toBe(false);
    } finally {
      again.ddb.destroy();
      await stopped(second);
    }
  });

  it('leaves no java behind even when the parent is killed with SIGKILL', async () => {
    const { child, ready } = await startScript('scripts/start.ts');
    expect(ready.dynamodb).toMatch(/^http:/);
    const jvms = jvmsOf(child.pid);
    expect(jvms.length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await waitForExit(child, 5000);
    // The guard shell sees its stdin close and kills Java; give it a moment.
    for (let i = 0; i < 50 && stillRunning(jvms).length > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(stillRunning(jvms)).toEqual([]);
  });

  it('falls back to dynalite, saying so in one line, when Java is not on PATH', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const { child, ready, output } = await startScript('scripts/start.ts', [], { PATH: bin, JAVA_HOME: '' });
    const { ddb } = adminClients(ready.dynamodb ?? '');
    try {
      const warnings = output()
        .split('\n')
        .filter((l) => l.includes('using dynalite'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/no Java found.*lacks transactions/);
      const tables = await ddb.send(new ListTablesCommand({}));
      expect(tables.TableNames).toEqual(expect.arrayContaining(['User', 'Chat', 'Game']));
      child.kill('SIGTERM');
      expect(await waitForExit(child, 5000)).toBe(0);
    } finally {
      ddb.destroy();
      child.kill('SIGKILL');
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('refuses a bad option with the usage text', async () => {
    await expect(startScript('scripts/start.ts', ['--engine', 'mysql'], {}, 20_000)).rejects.toThrow(
      /--engine must be local, dynalite or external, not "mysql"[\s\S]*--persist DIR/,
    );
  });
});
