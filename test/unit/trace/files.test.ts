import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pruneTraceFiles, readTraceFile } from '../../../emulator/trace/files.ts';
import { TraceRecorder } from '../../../emulator/trace/recorder.ts';

const dir = mkdtempSync(join(tmpdir(), 'trace-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trace files', () => {
  it('hold a header and the spans, read back from any offset; a torn last line waits', async () => {
    const recorder = new TraceRecorder({ dir: join(dir, 'one'), stack: 'demo' });
    recorder.gateway({
      type: 'message',
      connectionId: 'c1',
      requestId: 'g1',
      routeKey: '$default',
      bytes: 2,
      body: '{"room":"lobby"}',
    });
    recorder.gateway({ type: 'unrouted', connectionId: 'c1', requestId: 'g2' });
    await recorder.close();
    const file = recorder.path as string;
    const all = readTraceFile(file);
    expect(all.header).toMatchObject({ kind: 'emulator', pid: process.pid, stack: 'demo' });
    expect(all.spans.map((s) => [s.kind, s.room])).toEqual([
      ['frame-in', 'lobby'],
      ['unrouted', 'lobby'],
    ]);
    expect(readTraceFile(file, all.next).spans).toEqual([]);
    writeFileSync(file, '{"seq":9,"kind":"log"', { flag: 'a' });
    expect(readTraceFile(file, all.next)).toEqual({ spans: [], next: all.next });
  });

  it('keep the newest runs; older runs of stopped emulators go, running ones stay', async () => {
    const runs = join(dir, 'runs');
    await new TraceRecorder({ dir: runs, stack: 'x' }).close();
    for (let i = 0; i < 12; i++) {
      // pid 2^22+i is beyond Linux's pid_max, so never alive; the oldest claims a live one (ours).
      const pid = i === 0 ? process.pid : 4194304 + i;
      const header = { kind: 'emulator', pid, startedAt: 0, stack: 'old' };
      writeFileSync(
        join(runs, `2020-01-01T00-00-${String(i).padStart(2, '0')}-1.jsonl`),
        `${JSON.stringify(header)}\n`,
      );
    }
    pruneTraceFiles(runs, 5);
    const left = readdirSync(runs);
    expect(left).toHaveLength(6);
    expect(left.some((f) => f.endsWith(`-${process.pid}.jsonl`))).toBe(true);
    expect(left).toContain('2020-01-01T00-00-00-1.jsonl');
    expect(left).not.toContain('2020-01-01T00-00-01-1.jsonl');
  });
});
