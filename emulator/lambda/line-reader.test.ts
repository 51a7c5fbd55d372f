import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { truncateUtf8 } from './limits.ts';
import { readLines } from './line-reader.ts';

/** Feeds `chunks` through readLines and collects what it emits. */
async function linesOf(chunks: Array<string | Buffer>, maxLineBytes: number) {
  const stream = new PassThrough();
  const lines: Array<{ line: string; cut: number }> = [];
  readLines(stream, { maxLineBytes, onLine: (line, cut) => lines.push({ line, cut }) });
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await new Promise((resolve) => stream.on('end', resolve));
  return lines;
}

describe('readLines', () => {
  it('splits on newlines across chunk boundaries, with a last line without one', async () => {
    expect(await linesOf(['a\nb', 'c\n\nd', 'e'], 100)).toEqual([
      { line: 'a', cut: 0 },
      { line: 'bc', cut: 0 },
      { line: '', cut: 0 },
      { line: 'de', cut: 0 },
    ]);
  });

  it('keeps a character whose bytes arrive in two chunks', async () => {
    const bytes = Buffer.from('초성\n');
    expect(await linesOf([bytes.subarray(0, 2), bytes.subarray(2)], 100)).toEqual([{ line: '초성', cut: 0 }]);
  });

  it('keeps the first maxLineBytes of a long line and counts the rest', async () => {
    const lines = await linesOf(['x'.repeat(70), 'y'.repeat(70), 'z\nnext\n'], 100);
    expect(lines).toEqual([
      { line: `${'x'.repeat(70)}${'y'.repeat(30)}`, cut: 41 },
      { line: 'next', cut: 0 },
    ]);
  });

  it('drops a character cut in half by the limit rather than mangling it', async () => {
    // 초 is three bytes: a limit of 4 holds one and a third of 초초.
    expect(await linesOf(['초초\n'], 4)).toEqual([{ line: '초', cut: 2 }]);
  });

  it('reads a 64 MB line in 64 KB chunks in linear time and bounded memory', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'q');
    const chunks = Array.from({ length: 1024 }, () => chunk);
    const started = performance.now();
    const lines = await linesOf([...chunks, '\n'], 256 * 1024);
    // Quadratic concatenation took seconds here; linear reading takes milliseconds.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.line.length).toBe(256 * 1024);
    expect(lines[0]?.cut).toBe(64 * 1024 * 1024 - 256 * 1024);
  });
});

describe('truncateUtf8', () => {
  it('leaves short text alone and cuts long text on a character boundary', () => {
    expect(truncateUtf8('hello', 10)).toBe('hello');
    expect(truncateUtf8('초성퀴즈', 7)).toBe('초성');
    expect(Buffer.byteLength(truncateUtf8('a'.repeat(1000), 100))).toBe(100);
  });
});
