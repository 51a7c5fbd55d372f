import { describe, expect, it } from 'vitest';
import { traceHeaderFor, traceKeyOf, traceKeyOfRequest } from '../../../emulator/lambda/trace-header.ts';
import { formatSpan } from '../../../emulator/trace/text.ts';

describe('the invocation trace header', () => {
  it("is shaped as Lambda's and names the invocation it came from", () => {
    const requestId = '8a5e0c2f-1111-2222-3333-444455556666';
    const header = traceHeaderFor(requestId, Date.parse('2024-05-01T10:00:00Z'));
    expect(header).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(traceKeyOf(header)).toBe(traceKeyOfRequest(requestId));
    expect(traceKeyOf(traceHeaderFor('00000000-1111-2222-3333-444455556666'))).not.toBe(
      traceKeyOfRequest(requestId),
    );
    expect(traceKeyOf(undefined)).toBeUndefined();
    expect(traceKeyOf('Root=1-5759e988-bd862e3fe1be46a994272793')).toBe('bd862e3fe1be46a994272793');
  });
});

describe('a span as a terminal line', () => {
  it('fits the width, and says DENIED and LATE in words as well as colour', () => {
    const base = { seq: 1, at: Date.parse('2024-05-01T10:00:00Z'), trace: 'abcdefgh', detail: {} } as const;
    const denied = formatSpan({
      ...base,
      kind: 'call',
      from: 'function',
      to: 'connections',
      status: 'denied',
      label: `PostToConnection ${'x'.repeat(200)}`,
    });
    expect(denied).toMatch(/^10:00:00\.000 abcdef λ → @conn\s+✗ DENIED PostToConnection x+…$/);
    expect([...denied].length).toBeLessThanOrEqual(100);
    const late = formatSpan(
      {
        ...base,
        kind: 'call',
        from: 'function',
        to: 'dynamodb',
        status: 'late',
        label: 'PutItem User → 200',
      },
      { color: true },
    );
    expect(late).toBe('\u001b[33m10:00:00.000 abcdef λ → DynamoDB        ⚠ PutItem User → 200\u001b[0m');
  });
});

describe('log lines in the trace', () => {
  it("keep the runtime's level and text, not its timestamp and request id", async () => {
    const { shortLogLine } = await import('../../../emulator/trace/page/labels.ts');
    expect(shortLogLine('2024-05-01T10:00:00.006Z\t8a5e0c2f-1111-2222-3333-444455556666\tINFO\t가나다')).toBe(
      'INFO 가나다',
    );
    expect(
      shortLogLine(
        '(not written: the role may not write logs) 2024-05-01T10:00:00.006Z\t8a5e0c2f-1111-2222-3333-444455556666\tERROR\tboom',
      ),
    ).toBe('(not written: the role may not write logs) ERROR boom');
    expect(shortLogLine('START RequestId: r1 Version: $LATEST')).toBe('START RequestId: r1 Version: $LATEST');
  });
});
