/**
 * One `--persist` directory, one emulator: a second `npm start` on it is refused with the first
 * one's pid and what to do; a lock left by an emulator that died (SIGKILL, no cleanup) is taken
 * over. The administrator key made for the directory is the same on every start, and strict mode
 * serves the app (role keys), refuses dummy keys and serves the administrator key.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../../emulator/dynamodb/persist-lock.ts';
import { ADMIN_KEY_FILE } from '../../../emulator/iam/admin-key.ts';
import { type ChatFrame2019, connect, isChat } from '../../conformance/clients.ts';
import { startScript, waitForExit } from '../../support/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'persist-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = ['--persist', dir, '--engine', 'dynalite', '--no-watch'];

describe('--persist DIR', () => {
  it('refuses a second emulator on the same directory, and takes over a dead one’s lock', {
    timeout: 180_000,
  }, async () => {
    const first = await startScript('scripts/start.ts', [...args, '--auth', 'strict']);
    try {
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(first.child.pid));
      const second = await startScript('scripts/start.ts', args).then(
        (s) => {
          s.child.kill('SIGKILL');
          throw new Error('the second emulator started on a directory in use');
        },
        (error: Error) => error.message,
      );
      expect(second).toMatch(/exited with 2 before READY/);
      expect(second).toContain(`in use by another emulator (pid ${first.child.pid})`);
      expect(second).toContain('--persist OTHER_DIR');

      // Strict mode hands out the directory's administrator key.
      const key = JSON.parse(readFileSync(join(dir, ADMIN_KEY_FILE), 'utf8')) as Record<string, string>;
      expect(first.ready.admin).toEqual({
        accessKeyId: key.accessKeyId,
        secretAccessKey: key.secretAccessKey,
      });
      expect(first.output()).toContain('AWS_ACCESS_KEY_ID=');
    } finally {
      // No cleanup: the lock stays behind with a dead pid.
      first.child.kill('SIGKILL');
      await waitForExit(first.child, 10_000).catch(() => undefined);
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);

    const third = await startScript('scripts/start.ts', [...args, '--auth', 'strict']);
    try {
      expect(readFileSync(join(dir, LOCK_FILE), 'utf8').trim()).toBe(String(third.child.pid));
      // Same directory, same administrator key.
      const key = JSON.parse(readFileSync(join(dir, ADMIN_KEY_FILE), 'utf8')) as Record<string, string>;
      expect(third.ready.admin).toEqual({
        accessKeyId: key.accessKeyId,
        secretAccessKey: key.secretAccessKey,
      });

      // Strict mode end to end: the function's role keys still work (a chat comes back through
      // DynamoDB and @connections); dummy keys are refused; the administrator key is served.
      const player = await connect(`${String(third.ready.ws)}?room=strict&username=player`);
      try {
        player.socket.send(JSON.stringify({ username: 'player', content: '엄격' }));
        await player.waitFor(
          (f): f is ChatFrame2019 => isChat(f) && f.content === '엄격',
          'the chat echo',
          60_000,
        );
      } finally {
        player.close();
      }
      const dynamodb = String(third.ready.dynamodb);
      const dummy = new DynamoDBClient({
        endpoint: dynamodb,
        region: 'ap-northeast-2',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 1,
      });
      const admin = new DynamoDBClient({
        endpoint: dynamodb,
        region: 'ap-northeast-2',
        credentials: {
          accessKeyId: key.accessKeyId as string,
          secretAccessKey: key.secretAccessKey as string,
        },
        maxAttempts: 1,
      });
      try {
        await expect(dummy.send(new ListTablesCommand({}))).rejects.toMatchObject({
          name: 'UnrecognizedClientException',
        });
        expect((await admin.send(new ListTablesCommand({}))).TableNames).toContain('Chat');
      } finally {
        dummy.destroy();
        admin.destroy();
      }
      third.child.kill('SIGTERM');
      expect(await waitForExit(third.child, 10_000)).toBe(0);
      // A clean stop releases the lock.
      expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    } finally {
      third.child.kill('SIGKILL');
    }
  });
});
