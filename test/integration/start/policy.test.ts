/**
 * `npm start -- --policy FILE` with the workshop's own policy and two broken variants of it,
 * played by clients that speak exactly the 2019 Android protocol. What the room sees is the
 * symptom the workshop hit; what the console and the log group say is how a learner finds it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { readAllRecords } from '../../../emulator/logs/index.ts';
import type { PolicyDocument, PolicyStatement } from '../../../emulator/stack.ts';
import { loadPolicy } from '../../../lessons/shared/policies.ts';
import {
  type ChatFrame2019,
  connect,
  isChat,
  isGame,
  type RecordingClient,
} from '../../conformance/clients.ts';
import { adminClients } from '../../support/engine.ts';
import { type Started, startScript, waitForExit } from '../../support/processes.ts';

const scratch = mkdtempSync(join(tmpdir(), 'policy-e2e-'));
// Read fresh each time: every variant below starts from the verbatim file.
const workshop = (): PolicyDocument => loadPolicy('workshop-2019');

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface App {
  started: Started;
  logsDir: string;
  clients: RecordingClient[];
}

async function startWith(name: string, policy: PolicyDocument): Promise<App> {
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(policy, null, 2));
  const logsDir = join(scratch, `${name}-logs`);
  const started = await startScript('scripts/start.ts', [
    '--policy',
    file,
    '--logs-dir',
    logsDir,
    '--no-watch',
  ]);
  return { started, logsDir, clients: [] };
}

async function stop(app: App): Promise<void> {
  for (const client of app.clients) client.close();
  app.started.child.kill('SIGTERM');
  await waitForExit(app.started.child, 10_000).catch(() => app.started.child.kill('SIGKILL'));
}

async function twoPlayers(app: App): Promise<[RecordingClient, RecordingClient]> {
  const ws = String(app.started.ready.ws);
  const [a, b] = await Promise.all([connect(ws), connect(ws)]);
  app.clients.push(a, b);
  return [a, b];
}

const chatSaying =
  (content: string) =>
  (frame: unknown): frame is ChatFrame2019 =>
    isChat(frame) && frame.content === content;

function without(
  policy: PolicyDocument,
  keep: (s: PolicyStatement) => PolicyStatement | undefined,
): PolicyDocument {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return { ...policy, Statement: statements.flatMap((s) => keep(s) ?? []) };
}

describe('npm start -- --policy', () => {
  it("plays a round under the workshop's policy, verbatim", async () => {
    const app = await startWith('workshop', workshop());
    try {
      expect(app.started.output()).toContain(`using the policy in ${join(scratch, 'workshop.json')}`);
      const [a, b] = await twoPlayers(app);
      a.socket.send('start!');
      const game = await a.waitFor(isGame, 'the game state after start!');
      b.socket.send(JSON.stringify({ username: '영희', content: '안녕' }));
      await a.waitFor(chatSaying('안녕'), "영희's chat");

      const { doc } = adminClients(String(app.started.ready.dynamodb));
      const words = await doc.send(new ScanCommand({ TableName: 'Words' }));
      const question = words.Items?.find((w) => w.key === `question#${game.nowWordIdx}`)?.word;
      expect(typeof question).toBe('string');
      b.socket.send(JSON.stringify({ username: '영희', content: question }));
      const next = await a.waitFor(
        (f: unknown): f is typeof game => isGame(f) && f.nowWordIdx !== game.nowWordIdx,
        'the next consonants',
      );
      expect(next.nowConsonant).not.toBe(game.nowConsonant);
      expect(app.started.output()).not.toMatch(/DENIED/);
      // logs:* lets the function's lines through, with Lambda's own START/END/REPORT around them.
      await expect
        .poll(() => readAllRecords(app.logsDir).some((r) => r.message.startsWith('REPORT RequestId:')))
        .toBe(true);
    } finally {
      await stop(app);
    }
  });

  it('without ManageConnections, the chat reaches nobody and the denial is named', async () => {
    const app = await startWith(
      'no-manage',
      without(workshop(), (s) => (s.Sid === 'VisualEditor1' ? undefined : s)),
    );
    try {
      const [a, b] = await twoPlayers(app);
      b.socket.send(JSON.stringify({ username: '영희', content: '들리나요' }));
      // The symptom the workshop saw: silence. Nothing arrives, not even an error frame.
      await expect(a.waitFor(chatSaying('들리나요'), "영희's chat", 2000)).rejects.toThrow(/no 영희's chat/);
      expect(a.frames).toEqual([]);
      // How to find it: the console names the call, the resource and the role.
      await expect
        .poll(() => app.started.output(), { timeout: 5000 })
        .toMatch(/DENIED.*execute-api:ManageConnections/);
      // One line per denied call, IAM's: the gateway does not print a second line of its own.
      const denials = app.started.output().match(/^.*DENIED.*$/gm) ?? [];
      expect(denials.length).toBeGreaterThan(0);
      for (const line of denials) {
        expect(line).toMatch(/DENIED execute-api:ManageConnections on arn:aws:execute-api:\S+ for role /);
      }
      // The app logs the 403 instead of swallowing it.
      await expect
        .poll(() => readAllRecords(app.logsDir).some((r) => /Forbidden|403/.test(r.message)), {
          timeout: 5000,
        })
        .toBe(true);
    } finally {
      await stop(app);
    }
  });

  it('without logs permissions, the function runs and its log group stays empty', async () => {
    const policy = without(workshop(), (s) =>
      s.Sid === 'VisualEditor0'
        ? { ...s, Action: (s.Action as string[]).filter((action) => action !== 'logs:*') }
        : s,
    );
    const app = await startWith('no-logs', policy);
    try {
      const [a, b] = await twoPlayers(app);
      b.socket.send(JSON.stringify({ username: '영희', content: '로그 있나요' }));
      await a.waitFor(chatSaying('로그 있나요'), 'the chat (the function works)');
      const { doc } = adminClients(String(app.started.ready.dynamodb));
      const users = await doc.send(new ScanCommand({ TableName: 'User', ConsistentRead: true }));
      expect(users.Items).toHaveLength(2);
      expect(readAllRecords(app.logsDir)).toEqual([]);
      expect(app.started.output()).toMatch(/DENIED.*logs:/);
    } finally {
      await stop(app);
    }
  });
});
