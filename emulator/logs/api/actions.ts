/**
 * The Logs API's actions over a LogStore, apart from the wire: each takes the parsed request body
 * and returns the response body, or throws a LogsError. Shapes follow the CloudWatch Logs API
 * reference (DescribeLogGroups, DescribeLogStreams, GetLogEvents, FilterLogEvents).
 */
import { z } from 'zod';
import type { LogStore, StoredRecord } from '../store.ts';
import { groupNotFound, invalid, streamNotFound } from './errors.ts';
import { compileFilterPattern, FilterPatternError } from './filter-pattern.ts';
import { before, decodeToken, encodeToken, type Position } from './tokens.ts';

export interface LogsApiContext {
  store: LogStore;
  region: string;
  accountId: string;
}

const MAX_EVENTS = 10_000;
/** GetLogEvents and FilterLogEvents stop a page at 1 MB, as the service does. */
const MAX_PAGE_BYTES = 1_048_576;

const limit = (max: number) => z.number().int().min(1).max(max).optional();
const time = z.number().int().min(0).optional();

export const schemas = {
  DescribeLogGroups: z.object({
    logGroupNamePrefix: z.string().min(1).optional(),
    logGroupNamePattern: z.string().min(1).optional(),
    nextToken: z.string().optional(),
    limit: limit(50),
  }),
  DescribeLogStreams: z.object({
    logGroupName: z.string().optional(),
    logGroupIdentifier: z.string().optional(),
    logStreamNamePrefix: z.string().min(1).optional(),
    orderBy: z.enum(['LogStreamName', 'LastEventTime']).optional(),
    descending: z.boolean().optional(),
    nextToken: z.string().optional(),
    limit: limit(50),
  }),
  GetLogEvents: z.object({
    logGroupName: z.string().optional(),
    logGroupIdentifier: z.string().optional(),
    logStreamName: z.string().min(1),
    startTime: time,
    endTime: time,
    nextToken: z.string().optional(),
    limit: limit(MAX_EVENTS),
    startFromHead: z.boolean().optional(),
    unmask: z.boolean().optional(),
  }),
  FilterLogEvents: z.object({
    logGroupName: z.string().optional(),
    logGroupIdentifier: z.string().optional(),
    logStreamNames: z.array(z.string().min(1)).min(1).max(100).optional(),
    logStreamNamePrefix: z.string().min(1).optional(),
    startTime: time,
    endTime: time,
    filterPattern: z.string().optional(),
    nextToken: z.string().optional(),
    limit: limit(MAX_EVENTS),
    interleaved: z.boolean().optional(),
    unmask: z.boolean().optional(),
  }),
};

export type LogsAction = keyof typeof schemas;
export const LOGS_ACTIONS = Object.keys(schemas) as LogsAction[];

export function isLogsAction(name: string): name is LogsAction {
  return Object.hasOwn(schemas, name);
}

/** Validates the body as AWS's "1 validation error detected" would, naming the member. */
export function parseInput<A extends LogsAction>(action: A, body: unknown): z.infer<(typeof schemas)[A]> {
  const result = schemas[action].safeParse(body ?? {});
  if (result.success) return result.data as z.infer<(typeof schemas)[A]>;
  const issue = result.error.issues[0];
  const member = issue?.path.join('.') || 'request';
  throw invalid(
    `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${issue?.message}`,
  );
}

/** The group a request names, by name or ARN (logGroupIdentifier), and whether the store has it. */
export function groupOf(input: {
  logGroupName?: string | undefined;
  logGroupIdentifier?: string | undefined;
}): string {
  if (input.logGroupName !== undefined && input.logGroupIdentifier !== undefined) {
    throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const id = input.logGroupIdentifier ?? input.logGroupName;
  if (id === undefined || id === '') {
    throw invalid(
      "1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null",
    );
  }
  // arn:aws:logs:<region>:<account>:log-group:<name>[:*]
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(id);
  return arn ? (arn[1] as string) : id;
}

function groupArn(ctx: LogsApiContext, group: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${group}`;
}

function requireGroup(ctx: LogsApiContext, group: string): void {
  if (ctx.store.groupCreationTime(group) === undefined) throw groupNotFound();
}

function offsetToken(n: number, salt: string): string {
  return encodeToken('o', { timestamp: 0, id: n }, salt);
}

export function describeLogGroups(ctx: LogsApiContext, body: unknown) {
  const input = parseInput('DescribeLogGroups', body);
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const salt = `${input.logGroupNamePrefix ?? ''}|${input.logGroupNamePattern ?? ''}`;
  const all = ctx.store
    .groups()
    .filter((g) => input.logGroupNamePrefix === undefined || g.startsWith(input.logGroupNamePrefix))
    .filter(
      (g) =>
        input.logGroupNamePattern === undefined ||
        g.toLowerCase().includes(input.logGroupNamePattern.toLowerCase()),
    );
  const from = input.nextToken === undefined ? 0 : decodeToken(input.nextToken, 'o', salt).id;
  const size = input.limit ?? 50;
  const page = all.slice(from, from + size);
  return {
    logGroups: page.map((name) => {
      const arn = groupArn(ctx, name);
      return {
        logGroupName: name,
        creationTime: ctx.store.groupCreationTime(name) ?? 0,
        metricFilterCount: 0,
        arn: `${arn}:*`,
        storedBytes: ctx.store.streams(name).reduce((n, s) => n + s.storedBytes, 0),
        logGroupClass: 'STANDARD',
        logGroupArn: arn,
      };
    }),
    ...(from + size < all.length ? { nextToken: offsetToken(from + size, salt) } : {}),
  };
}

export function describeLogStreams(ctx: LogsApiContext, body: unknown) {
  const input = parseInput('DescribeLogStreams', body);
  const group = groupOf(input);
  requireGroup(ctx, group);
  const orderBy = input.orderBy ?? 'LogStreamName';
  if (orderBy === 'LastEventTime' && input.logStreamNamePrefix !== undefined) {
    throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const salt = `${group}|${orderBy}|${input.descending ?? false}|${input.logStreamNamePrefix ?? ''}`;
  const streams = ctx.store
    .streams(group)
    .filter((s) => input.logStreamNamePrefix === undefined || s.name.startsWith(input.logStreamNamePrefix));
  streams.sort((a, b) =>
    orderBy === 'LogStreamName' ? a.name.localeCompare(b.name) : a.lastEventTimestamp - b.lastEventTimestamp,
  );
  if (input.descending) streams.reverse();
  const from = input.nextToken === undefined ? 0 : decodeToken(input.nextToken, 'o', salt).id;
  const size = input.limit ?? 50;
  return {
    logStreams: streams.slice(from, from + size).map((s) => ({
      logStreamName: s.name,
      creationTime: s.creationTime,
      firstEventTimestamp: s.firstEventTimestamp,
      lastEventTimestamp: s.lastEventTimestamp,
      lastIngestionTime: s.lastIngestionTime,
      uploadSequenceToken: String(s.events).padStart(56, '4'),
      arn: `${groupArn(ctx, group)}:log-stream:${s.name}`,
      storedBytes: 0,
    })),
    ...(from + size < streams.length ? { nextToken: offsetToken(from + size, salt) } : {}),
  };
}

/** Events up to the page limits, in order; also says whether the limits cut the list short. */
function takePage(events: StoredRecord[], count: number): StoredRecord[] {
  const out: StoredRecord[] = [];
  let bytes = 0;
  for (const e of events) {
    bytes += Buffer.byteLength(e.message) + 26;
    if (out.length >= count || (out.length > 0 && bytes > MAX_PAGE_BYTES)) break;
    out.push(e);
  }
  return out;
}

const positionOf = (e: StoredRecord): Position => ({ timestamp: e.timestamp, id: e.id });

export function getLogEvents(ctx: LogsApiContext, body: unknown) {
  const input = parseInput('GetLogEvents', body);
  const group = groupOf(input);
  requireGroup(ctx, group);
  if (!ctx.store.streams(group).some((s) => s.name === input.logStreamName)) throw streamNotFound();
  const inRange = ctx.store
    .events({ group, stream: input.logStreamName })
    .filter(
      (e) =>
        (input.startTime === undefined || e.timestamp >= input.startTime) &&
        (input.endTime === undefined || e.timestamp < input.endTime),
    );
  const count = input.limit ?? MAX_EVENTS;
  const salt = `${group}|${input.logStreamName}`;
  let page: StoredRecord[];
  let forwardFrom: Position | undefined;
  let backwardFrom: Position | undefined;
  const token = input.nextToken;
  if (token?.startsWith('f/')) {
    const after = decodeToken(token, 'f', salt);
    page = takePage(
      inRange.filter((e) => before(after, positionOf(e))),
      count,
    );
    forwardFrom = after;
    backwardFrom = after;
  } else if (token !== undefined) {
    const until = decodeToken(token, 'b', salt);
    page = inRange.filter((e) => before(positionOf(e), until)).slice(-count);
    forwardFrom = until;
    backwardFrom = until;
  } else if (input.startFromHead) {
    page = takePage(inRange, count);
  } else {
    page = inRange.slice(-count);
  }
  // With nothing new, AWS hands back the token it was given: that is how a caller knows it is at the end.
  const first = page[0];
  const last = page.at(-1);
  const origin: Position = { timestamp: 0, id: 0 };
  return {
    events: page.map((e) => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime })),
    nextForwardToken: encodeToken('f', last ? positionOf(last) : (forwardFrom ?? origin), salt),
    nextBackwardToken: encodeToken('b', first ? positionOf(first) : (backwardFrom ?? origin), salt),
  };
}

export function filterLogEvents(ctx: LogsApiContext, body: unknown) {
  const input = parseInput('FilterLogEvents', body);
  const group = groupOf(input);
  requireGroup(ctx, group);
  if (input.logStreamNames !== undefined && input.logStreamNamePrefix !== undefined) {
    throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  let matches: (message: string) => boolean;
  try {
    matches = compileFilterPattern(input.filterPattern);
  } catch (error) {
    if (error instanceof FilterPatternError) throw invalid(error.message);
    throw error;
  }
  const streams = input.logStreamNames === undefined ? undefined : new Set(input.logStreamNames);
  const salt = `${group}|${input.filterPattern ?? ''}|${input.logStreamNames?.join(',') ?? ''}|${input.logStreamNamePrefix ?? ''}|${input.startTime ?? ''}|${input.endTime ?? ''}`;
  const after = input.nextToken === undefined ? undefined : decodeToken(input.nextToken, 'n', salt);
  const candidates = ctx.store
    .events({ group })
    .filter(
      (e) =>
        (streams === undefined || streams.has(e.stream)) &&
        (input.logStreamNamePrefix === undefined || e.stream.startsWith(input.logStreamNamePrefix)) &&
        (input.startTime === undefined || e.timestamp >= input.startTime) &&
        (input.endTime === undefined || e.timestamp <= input.endTime) &&
        (after === undefined || before(after, positionOf(e))) &&
        matches(e.message),
    );
  const count = input.limit ?? MAX_EVENTS;
  const page = takePage(candidates, count);
  const last = page.at(-1);
  const searched = [...new Set(ctx.store.streams(group).map((s) => s.name))]
    .filter((s) => streams === undefined || streams.has(s))
    .map((logStreamName) => ({ logStreamName, searchedCompletely: true }));
  return {
    events: page.map((e) => ({
      logStreamName: e.stream,
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
      eventId: eventIdOf(e),
    })),
    searchedLogStreams: searched,
    ...(last && page.length < candidates.length
      ? { nextToken: encodeToken('n', positionOf(last), salt) }
      : {}),
  };
}

/** A decimal id like CloudWatch's (56 digits), unique per event and stable between calls. */
function eventIdOf(e: StoredRecord): string {
  return `${String(e.timestamp).padStart(20, '0')}${String(e.id).padStart(36, '0')}`;
}

export const ACTIONS: Record<LogsAction, (ctx: LogsApiContext, body: unknown) => unknown> = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
};
