import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../../emulator/contracts.ts';
import { fileNameFor, parseRecords, readAllRecords } from '../../../emulator/logs/files.ts';
import { LogStore } from '../../../emulator/logs/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'log-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function line(fn: string, stream: string, timestamp: number, message: string): LogLine {
  return { functionName: fn, logGroup: `/aws/lambda/${fn}`, logStream: stream, timestamp, message };
}

describe('LogStore', () => {
  it('keeps groups, streams per instance and events in time order', () => {
    const store = new LogStore();
    store.put(line('quiz', '2024/05/01/[$LATEST]a', 20, 'second'));
    store.put(line('quiz', '2024/05/01/[$LATEST]b', 10, 'first'));
    store.put(line('other', 's', 15, 'elsewhere'));
    expect(store.groups()).toEqual(['/aws/lambda/other', '/aws/lambda/quiz']);
    expect(store.streams('/aws/lambda/quiz')).toMatchObject([
      { name: '2024/05/01/[$LATEST]a', firstEventTimestamp: 20, lastEventTimestamp: 20, events: 1 },
      { name: '2024/05/01/[$LATEST]b', firstEventTimestamp: 10, lastEventTimestamp: 10, events: 1 },
    ]);
    expect(store.events({ group: '/aws/lambda/quiz' }).map((e) => e.message)).toEqual(['first', 'second']);
    expect(store.events({ since: 15 }).map((e) => e.message)).toEqual(['elsewhere', 'second']);
    expect(store.events({ stream: '2024/05/01/[$LATEST]b' }).map((e) => e.message)).toEqual(['first']);
    expect(store.streams('/aws/lambda/none')).toEqual([]);
  });

  it('tells followers of each new event until they stop', () => {
    const store = new LogStore();
    const seen: string[] = [];
    const stop = store.follow((r) => seen.push(r.message));
    store.put(line('quiz', 's', 1, 'one'));
    stop();
    store.put(line('quiz', 's', 2, 'two'));
    expect(seen).toEqual(['one']);
  });

  it('appends every event to one JSON-lines file per group, with a safe name', async () => {
    const store = new LogStore({ dir });
    store.put(line('quiz', 's1', 1, 'START RequestId: r1 Version: $LATEST'));
    store.put(line('../../etc/passwd', 's1', 2, 'hostile name'));
    await store.close();
    expect(fileNameFor('/aws/lambda/quiz')).toBe('aws_lambda_quiz.jsonl');
    expect(fileNameFor('/aws/lambda/../../etc/passwd')).toBe('aws_lambda_.._.._etc_passwd.jsonl');
    const text = readFileSync(join(dir, 'aws_lambda_quiz.jsonl'), 'utf8');
    expect(JSON.parse(text)).toEqual({
      group: '/aws/lambda/quiz',
      stream: 's1',
      timestamp: 1,
      message: 'START RequestId: r1 Version: $LATEST',
      ingestionTime: expect.any(Number),
    });
    expect(readAllRecords(dir).map((r) => r.group)).toEqual([
      '/aws/lambda/quiz',
      '/aws/lambda/../../etc/passwd',
    ]);
  });

  it('leaves a torn last line for the next read', () => {
    const whole = '{"group":"g","stream":"s","timestamp":1,"message":"a"}\n';
    const { records, consumed } = parseRecords(`${whole}{"group":"g","str`);
    expect(records).toHaveLength(1);
    expect(consumed).toBe(Buffer.byteLength(whole));
  });
});
