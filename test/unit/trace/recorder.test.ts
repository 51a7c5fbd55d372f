import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTraceFile } from '../../../emulator/trace/files.ts';
import { TraceRecorder } from '../../../emulator/trace/recorder.ts';

const dir = mkdtempSync(join(tmpdir(), 'trace-recorder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const message = (recorder: TraceRecorder, i: number, body: string) =>
  recorder.gateway({
    type: 'message',
    connectionId: 'c1',
    requestId: `g${i}`,
    routeKey: '$default',
    bytes: body.length,
    body,
  });

describe('trace recorder', () => {
  it('cuts long text in a detail and leaves short details as they are', async () => {
    const recorder = new TraceRecorder({ stack: 'demo' });
    message(recorder, 1, 'x'.repeat(10_000));
    message(recorder, 2, '{"room":"lobby","content":"안녕"}');
    const [long, short] = recorder.spans();
    expect(long?.detail.body).toBe(`${'x'.repeat(8192)}… (10000 chars)`);
    expect(short?.detail.body).toBe('{"room":"lobby","content":"안녕"}');
    await recorder.close();
  });

  it('keeps the newest maxSpans in memory and every span in its file, written in order', async () => {
    const recorder = new TraceRecorder({ dir: join(dir, 'bound'), stack: 'demo', maxSpans: 100 });
    for (let i = 1; i <= 1000; i++) message(recorder, i, `{"n":${i}}`);
    const kept = recorder.spans();
    expect(kept).toHaveLength(100);
    expect(kept.map((s) => s.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 901 + i));
    expect(recorder.spans(990).map((s) => s.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 991 + i));
    await recorder.close();
    const { spans } = readTraceFile(recorder.path as string);
    expect(spans.map((s) => s.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    // One line per span after the header, none torn or merged.
    expect(
      readFileSync(recorder.path as string, 'utf8')
        .trimEnd()
        .split('\n'),
    ).toHaveLength(1001);
  });
});
