/**
 * The trace of the real app and of two workshop mistakes, read from the emulator's trace data:
 * a chat's frame in, invocation, DynamoDB calls, PostToConnection and frame out, linked by one
 * trace id; the late PutItem of a missing await; the denied post of a role without
 * execute-api:ManageConnections.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import type { Span } from '../../../emulator/trace/span.ts';
import { withoutLogs } from '../../../lessons/pitfalls/no-logs-permission/policy.ts';
import { withoutManageConnections } from '../../../lessons/pitfalls/no-manage-connections/policy.ts';
import { workshopStack } from '../../../lessons/shared/workshop-stack.ts';
import { connectClient, isChat } from '../../../lessons/shared/ws-client.ts';
import { connect, isChat as isChat2019, startApp } from '../../reliability/app.ts';
import { startTestEmulator } from '../../support/emulator.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const PITFALLS = join(REPO, 'lessons', 'pitfalls');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function find(spans: Span[], match: (s: Span) => boolean): Span | undefined {
  return spans.find(match);
}

describe('a chat on the real app', () => {
  test('links frame in, invocation, DynamoDB calls, PostToConnection and frame out by one trace id, in memory and on disk', async () => {
    const traceDir = mkdtempSync(join(tmpdir(), 'trace-app-'));
    dirs.push(traceDir);
    const app = await startApp({ traceDir });
    try {
      const room = `trace-${Date.now().toString(36)}`;
      const alice = await connect(`${app.ws}?room=${room}`);
      const bob = await connect(`${app.ws}?room=${room}`);
      const ids = app.emulator.gateway
        .connections()
        .map((c) => c.connectionId)
        .sort();
      expect(ids).toHaveLength(2);
      try {
        alice.socket.send(JSON.stringify({ username: 'alice', content: '안녕 trace' }));
        await expect
          .poll(() => bob.frames.some((f) => isChat2019(f) && f.content === '안녕 trace'), {
            timeout: 15_000,
            message: 'bob gets the chat',
          })
          .toBe(true);
        const spans = await vi.waitFor(
          () => {
            const all = app.emulator.trace.spans();
            const frameIn = find(
              all,
              (s) => s.kind === 'frame-in' && String(s.detail.body).includes('안녕 trace'),
            );
            const same = all.filter((s) => s.trace === frameIn?.trace);
            const through =
              same.some((s) => s.kind === 'return') &&
              same.some((s) => s.kind === 'frame-out' && s.from === 'connections');
            if (!frameIn || !through) throw new Error('the chat is not yet traced through to its frames out');
            return same;
          },
          { timeout: 15_000 },
        );

        const frameIn = spans.find((s) => s.kind === 'frame-in');
        expect(frameIn).toMatchObject({
          from: 'client',
          to: 'gateway',
          status: 'ok',
          room,
          detail: { routeKey: '$default' },
        });
        const invoke = spans.find((s) => s.kind === 'invoke');
        expect(invoke).toMatchObject({
          from: 'gateway',
          to: 'function',
          functionName: expect.any(String),
          detail: { cold: expect.any(Boolean) },
        });
        expect((invoke?.detail.event as { body?: string } | undefined)?.body).toContain('안녕 trace');
        const end = spans.find((s) => s.kind === 'return');
        expect(end?.requestId).toBe(invoke?.requestId);
        expect(end?.detail).toMatchObject({
          durationMs: expect.any(Number),
          billedDurationMs: expect.any(Number),
          memoryMB: expect.any(Number),
          maxMemoryUsedMB: expect.any(Number),
        });

        const dynamo = spans.filter((s) => s.kind === 'call' && s.to === 'dynamodb');
        expect(dynamo.length).toBeGreaterThan(0);
        for (const call of dynamo) {
          expect(call).toMatchObject({ from: 'function', requestId: invoke?.requestId, status: 'ok' });
          const iam = call.detail.iam as Array<{
            allowed: boolean;
            explanation: { reason: string; statementIndex: number };
          }>;
          expect(iam[0]).toMatchObject({
            allowed: true,
            explanation: { reason: 'allow', statementIndex: expect.any(Number) },
          });
        }
        expect(dynamo.map((s) => s.detail.action)).toContain('PutItem');
        expect(dynamo.map((s) => s.detail.target)).toContain('Chat');

        const posts = spans.filter((s) => s.kind === 'call' && s.detail.action === 'PostToConnection');
        expect([...new Set(posts.map((s) => s.detail.target))].sort()).toEqual(ids);
        for (const post of posts)
          expect(post).toMatchObject({
            from: 'function',
            to: 'connections',
            status: 'ok',
            requestId: invoke?.requestId,
          });
        const out = spans.filter((s) => s.kind === 'frame-out' && s.from === 'connections');
        expect([...new Set(out.map((s) => s.connectionId))].sort()).toEqual(ids);
        expect(String(out[0]?.detail.body)).toContain('안녕 trace');

        // Order on the wire: frame in, invoke, calls, END.
        const seqOf = (s: Span | undefined) => s?.seq ?? Number.NaN;
        expect(seqOf(frameIn)).toBeLessThan(seqOf(invoke));
        expect(Math.max(...dynamo.map(seqOf), ...posts.map(seqOf))).toBeLessThan(seqOf(end));

        // The same spans, appended for `npm run trace`.
        await expect
          .poll(() => {
            const file = app.emulator.trace.path as string;
            return readFileSync(file, 'utf8')
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as Span)
              .filter((s) => s.trace === frameIn?.trace).length;
          })
          .toBe(spans.length);
      } finally {
        alice.close();
        bob.close();
      }
    } finally {
      await app.stop();
    }
  }, 120_000);
});

describe('workshop mistakes, seen in the trace', () => {
  test('missing await: the PutItem of $connect arrives after its invocation ENDed, and the trace says so', async () => {
    const stack = workshopStack({
      name: 'trace-missing-await',
      entry: join(REPO, 'test', 'fixtures', 'functions', 'missing-await-then-busy.ts'),
      routes: ['$connect', '$disconnect', '$default'],
    });
    const emulator = await startTestEmulator(stack, {
      maxInstancesPerFunction: 1,
    });
    try {
      const client = await connectClient(emulator.urls.ws, 'wscat');
      // The next message thaws the same instance, and the write $connect left pending goes out.
      client.send('hello');
      const late = await vi.waitFor(
        () => {
          const span = emulator.trace.spans().find((s) => s.kind === 'call' && s.detail.action === 'PutItem');
          if (!span) throw new Error('the pending PutItem has not reached DynamoDB yet');
          return span;
        },
        { timeout: 15_000 },
      );
      const spans = emulator.trace.spans();
      const connectInvoke = spans.find(
        (s) =>
          s.kind === 'invoke' &&
          (s.detail.event as { requestContext: { eventType: string } }).requestContext.eventType ===
            'CONNECT',
      );
      expect(late).toMatchObject({
        status: 'late',
        requestId: connectInvoke?.requestId,
        trace: connectInvoke?.trace,
        detail: { target: 'User', late: { arrivedMsAfterEnd: expect.any(Number) } },
      });
      expect(late.label).toContain('LATE');
      await client.close();
    } finally {
      await emulator.stop();
    }
  }, 120_000);

  test('a post without execute-api:ManageConnections is denied, with the reason, in red', async () => {
    const stack = workshopStack({
      name: 'trace-no-manage',
      entry: join(PITFALLS, 'no-manage-connections', 'handler-logged.ts'),
      routes: ['$connect', '$disconnect', '$default'],
      policy: withoutManageConnections(),
    });
    const emulator = await startTestEmulator(stack);
    try {
      const a = await connectClient(emulator.urls.ws, '철수');
      const b = await connectClient(emulator.urls.ws, '영희');
      a.send({ username: '철수', content: '안녕하세요' });
      const denied = await vi.waitFor(
        () => {
          const span = emulator.trace
            .spans()
            .find(
              (s) => s.kind === 'call' && s.detail.action === 'PostToConnection' && s.status === 'denied',
            );
          if (!span) throw new Error('no denied PostToConnection yet');
          return span;
        },
        { timeout: 15_000 },
      );
      expect(denied).toMatchObject({
        from: 'function',
        to: 'connections',
        detail: { status: 403, errorType: 'ForbiddenException' },
      });
      const [check] = denied.detail.iam as Array<{
        allowed: boolean;
        action: string;
        explanation: { reason: string };
      }>;
      expect(check).toMatchObject({
        allowed: false,
        action: 'execute-api:ManageConnections',
        explanation: { reason: 'implicit-deny' },
      });
      expect(await b.waitFor((f) => isChat(f, '안녕하세요'), 500)).toBeUndefined();
      await a.close();
      await b.close();
    } finally {
      await emulator.stop();
    }
  }, 120_000);

  test('a role without the logs permissions: the lines are in the trace, marked unwritten, and the log group stays empty', async () => {
    const stack = workshopStack({
      name: 'trace-no-logs',
      entry: join(PITFALLS, 'no-logs-permission', 'handler.ts'),
      routes: ['$connect', '$disconnect'],
      policy: withoutLogs(),
    });
    const emulator = await startTestEmulator(stack);
    try {
      const client = await connectClient(emulator.urls.ws, 'wscat');
      const line = await vi.waitFor(
        () => {
          const span = emulator.trace.spans().find((s) => s.kind === 'log' && s.label.includes('Added'));
          if (!span) throw new Error('no "Added … to User" line in the trace yet');
          return span;
        },
        { timeout: 15_000 },
      );
      expect(line).toMatchObject({ status: 'denied', detail: { kept: false } });
      expect(line.label).toContain('not written');
      expect(emulator.logs.groups()).toEqual([]);
      await client.close();
    } finally {
      await emulator.stop();
    }
  }, 120_000);
});
