/**
 * The trace's model: spans, one per thing that happened on the path of a WebSocket message,
 * linked by `trace` (the API Gateway request id of the message or connection that started it).
 * Spans are facts, written once; a view (the /trace page, `npm run trace`) groups and draws them.
 */

/** The sequence diagram's lifelines. */
export const COLUMNS = ['client', 'gateway', 'function', 'dynamodb', 'connections'] as const;
export type Column = (typeof COLUMNS)[number];

export type SpanKind =
  | 'connect'
  | 'disconnect'
  | 'refused'
  | 'frame-in'
  | 'unrouted'
  | 'invoke'
  | 'return'
  | 'call'
  | 'frame-out'
  | 'log'
  | 'throttled';

/** `late`: a call that reached a service after its invocation had ended (the missing-await signature). */
export type SpanStatus = 'ok' | 'error' | 'denied' | 'late';

export interface Span {
  /** Order of arrival in this emulator, from 1. */
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  /** The gateway request id that links the spans of one message (or connect / disconnect). */
  trace: string;
  kind: SpanKind;
  from: Column;
  to: Column;
  status: SpanStatus;
  /** One short English line; the views translate the parts they know. */
  label: string;
  connectionId?: string;
  room?: string;
  functionName?: string;
  /** The Lambda request id of the invocation this span belongs to. */
  requestId?: string;
  /** What a click shows: the event, the request, the IAM evaluation, the log lines, figures. */
  detail: Record<string, unknown>;
}

/** The first line of a trace file: which emulator wrote it. */
export interface TraceFileHeader {
  kind: 'emulator';
  pid: number;
  startedAt: number;
  stack: string;
  page?: string;
}

export function isSpan(value: unknown): value is Span {
  const v = value as Partial<Span> | null;
  return typeof v === 'object' && v !== null && typeof v.seq === 'number' && typeof v.kind === 'string';
}
