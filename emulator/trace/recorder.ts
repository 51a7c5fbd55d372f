/**
 * Builds the trace from what the services report: gateway events, invocation notices, AWS calls
 * and log lines. Keeps the last spans in memory (the page's first screen) and appends every span
 * to a JSON-lines file under `.local/trace/` for `npm run trace` in another terminal.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InvocationNotice, LogLine, Principal, ServiceCall } from '../contracts.ts';
import type { GatewayEvent } from '../gateway/index.ts';
import type { Explanation } from '../iam/index.ts';
import { traceKeyOf, traceKeyOfRequest } from '../lambda/trace-header.ts';
import { LineFile } from '../line-file.ts';
import { pruneTraceFiles } from './files.ts';
import type { Column, Span, SpanKind, SpanStatus, TraceFileHeader } from './span.ts';

export interface TraceRecorderOptions {
  /** Where to append the spans; memory only when omitted. */
  dir?: string | undefined;
  stack: string;
  /** Spans kept in memory (default 2,000); the file keeps them all. */
  maxSpans?: number;
  /** Which statement decided an IAM check (Iam.explain). */
  explain?: (principal: Principal, action: string, resource: string) => Explanation;
}

export type SpanListener = (span: Span) => void;

interface Invocation {
  requestId: string;
  trace: string;
  functionName: string;
  instance: string;
  accessKeyId: string;
  connectionId?: string;
  routeKey?: string;
  startedAt: number;
  endedAt?: number;
}

const MAX_INVOCATIONS = 2_000;
/** Connections remembered (their room, their $connect trace) after they are gone, at most. */
const MAX_CONNECTIONS = 10_000;
const DETAIL_TEXT = 8_192;
/** How long a PostToConnection frame waits for its call to be reported before it is drawn alone. */
const POST_WAIT_MS = 2_000;

export class TraceRecorder {
  private readonly kept: Span[] = [];
  private seq = 0;
  private readonly listeners = new Set<SpanListener>();
  private readonly maxSpans: number;
  private file: LineFile | undefined;
  readonly path: string | undefined;
  private header: TraceFileHeader;

  private readonly invocations = new Map<string, Invocation>();
  private readonly byTraceKey = new Map<string, string>();
  /** Per access key (one per instance): the running invocation, and the last one it ran. */
  private readonly running = new Map<string, string>();
  private readonly last = new Map<string, string>();
  private readonly runningOnInstance = new Map<string, string>();
  private readonly connectTrace = new Map<string, string>();
  private readonly rooms = new Map<string, string>();
  private readonly pendingPosts = new Map<
    string,
    { event: Extract<GatewayEvent, { type: 'frame-out' }>; timer: NodeJS.Timeout }
  >();

  constructor(private readonly options: TraceRecorderOptions) {
    this.maxSpans = Math.max(100, options.maxSpans ?? 2_000);
    this.header = { kind: 'emulator', pid: process.pid, startedAt: Date.now(), stack: options.stack };
    if (options.dir) {
      mkdirSync(options.dir, { recursive: true });
      pruneTraceFiles(options.dir);
      this.path = join(
        options.dir,
        `${new Date(this.header.startedAt).toISOString().replace(/[:.]/g, '-')}-${process.pid}.jsonl`,
      );
      this.file = new LineFile(this.path, () => {
        this.file = undefined;
      });
      this.file.write(`${JSON.stringify(this.header)}\n`);
    }
  }

  /** Names the page in the file's header once it is known (the web server starts later). */
  setPage(url: string): void {
    this.header = { ...this.header, page: url };
    this.file?.write(`${JSON.stringify(this.header)}\n`);
  }

  /** The last `maxSpans` spans after `since`. */
  spans(since = 0): Span[] {
    const first = Math.max(0, this.kept.length - this.maxSpans);
    return this.kept.slice(first).filter((s) => s.seq > since);
  }

  follow(listener: SpanListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    for (const { event, timer } of this.pendingPosts.values()) {
      clearTimeout(timer);
      this.postFrame(event, undefined);
    }
    this.pendingPosts.clear();
    this.listeners.clear();
    const file = this.file;
    this.file = undefined;
    await file?.end();
  }

  // ---- inputs ----------------------------------------------------------------------------------

  gateway(event: GatewayEvent): void {
    switch (event.type) {
      case 'connect': {
        const trace = this.connectTrace.get(event.connectionId) ?? `connect-${event.connectionId}`;
        if (!this.connectTrace.has(event.connectionId)) {
          this.add({
            trace,
            kind: 'connect',
            from: 'client',
            to: 'gateway',
            status: 'ok',
            label: `connect from ${event.sourceIp}`,
            connectionId: event.connectionId,
            detail: { sourceIp: event.sourceIp },
          });
        }
        this.add({
          trace,
          kind: 'connect',
          from: 'gateway',
          to: 'client',
          status: 'ok',
          label: '101 connected',
          connectionId: event.connectionId,
          detail: { sourceIp: event.sourceIp },
        });
        return;
      }
      case 'refused':
        this.add({
          trace: event.connectionId
            ? (this.connectTrace.get(event.connectionId) ?? `connect-${event.connectionId}`)
            : `refused-${Date.now()}`,
          kind: 'refused',
          from: 'gateway',
          to: 'client',
          status: 'error',
          label: `refused: HTTP ${event.status} (${event.reason})`,
          ...(event.connectionId ? { connectionId: event.connectionId } : {}),
          detail: { status: event.status, reason: event.reason },
        });
        return;
      case 'disconnect':
        this.add({
          trace: `disconnect-${event.connectionId}`,
          kind: 'disconnect',
          from: 'client',
          to: 'gateway',
          status: 'ok',
          label: `disconnect ${event.statusCode} ${event.reason}`.trim(),
          connectionId: event.connectionId,
          detail: { statusCode: event.statusCode, reason: event.reason },
        });
        return;
      case 'message': {
        const room = roomIn(event.body);
        if (room) {
          this.rooms.set(event.connectionId, room);
          this.bound(this.rooms);
        }
        this.add({
          trace: event.requestId,
          kind: 'frame-in',
          from: 'client',
          to: 'gateway',
          status: 'ok',
          label: `frame ${event.bytes} B → route ${event.routeKey}`,
          connectionId: event.connectionId,
          detail: { routeKey: event.routeKey, bytes: event.bytes, body: event.body },
        });
        return;
      }
      case 'unrouted':
        this.add({
          trace: event.requestId,
          kind: 'unrouted',
          from: 'gateway',
          to: 'client',
          status: 'error',
          label: 'no route matched and there is no $default: Forbidden',
          connectionId: event.connectionId,
          detail: {},
        });
        return;
      case 'frame-out':
        if (event.source === 'post') {
          // Its @connections call is reported when the answer is sent, just after: wait for it.
          const timer = setTimeout(() => {
            this.pendingPosts.delete(event.requestId);
            this.postFrame(event, undefined);
          }, POST_WAIT_MS);
          timer.unref();
          this.pendingPosts.set(event.requestId, { event, timer });
          return;
        }
        this.add({
          trace: event.requestId,
          kind: 'frame-out',
          from: 'gateway',
          to: 'client',
          status: event.source === 'gateway' ? 'error' : 'ok',
          label: `${event.source === 'gateway' ? 'gateway frame' : 'route response'} ${event.bytes} B`,
          connectionId: event.connectionId,
          detail: { source: event.source, bytes: event.bytes, body: event.body },
        });
        return;
      case 'error':
        this.add({
          trace: event.requestId,
          kind: 'return',
          from: 'gateway',
          to: 'client',
          status: 'error',
          label: `${event.routeKey} failed: ${event.errorType}`,
          connectionId: event.connectionId,
          detail: { errorType: event.errorType, errorMessage: event.errorMessage },
        });
        return;
      case 'denied':
        // The @connections call itself is traced with its IAM evaluation (see call()).
        return;
      case 'throttled':
        this.add({
          trace: `throttled-${Date.now()}`,
          kind: 'throttled',
          from: 'gateway',
          to: 'client',
          status: 'error',
          label: `429 throttled (${event.what})`,
          ...(event.connectionId ? { connectionId: event.connectionId } : {}),
          detail: {},
        });
        return;
    }
  }

  invocation(notice: InvocationNotice): void {
    if (notice.phase === 'start') {
      const context =
        (notice.event as { requestContext?: Record<string, unknown> } | null)?.requestContext ?? {};
      const connectionId = typeof context.connectionId === 'string' ? context.connectionId : undefined;
      const routeKey = typeof context.routeKey === 'string' ? context.routeKey : undefined;
      const gatewayId = typeof context.requestId === 'string' ? context.requestId : undefined;
      let trace = gatewayId ?? `invoke-${notice.requestId}`;
      if (context.eventType === 'DISCONNECT' && connectionId) trace = `disconnect-${connectionId}`;
      if (context.eventType === 'CONNECT' && connectionId) {
        this.connectTrace.set(connectionId, trace);
        this.bound(this.connectTrace);
        const query = (notice.event as { queryStringParameters?: Record<string, string> })
          .queryStringParameters;
        if (query?.room) this.rooms.set(connectionId, query.room);
        this.bound(this.rooms);
        this.add({
          trace,
          kind: 'connect',
          from: 'client',
          to: 'gateway',
          status: 'ok',
          label: 'connect (upgrade held until $connect answers)',
          connectionId,
          detail: { identity: context.identity },
        });
      }
      const invocation: Invocation = {
        requestId: notice.requestId,
        trace,
        functionName: notice.functionName,
        instance: notice.instance,
        accessKeyId: notice.accessKeyId,
        startedAt: notice.at,
        ...(connectionId ? { connectionId } : {}),
        ...(routeKey ? { routeKey } : {}),
      };
      this.remember(invocation);
      this.running.set(notice.accessKeyId, notice.requestId);
      this.last.set(notice.accessKeyId, notice.requestId);
      this.runningOnInstance.set(notice.instance, notice.requestId);
      this.add({
        trace,
        kind: 'invoke',
        from: 'gateway',
        to: 'function',
        status: 'ok',
        label: `invoke ${notice.functionName}${routeKey ? ` (${routeKey})` : ''} ${notice.cold ? 'cold' : 'warm'}`,
        functionName: notice.functionName,
        requestId: notice.requestId,
        ...(connectionId ? { connectionId } : {}),
        detail: { instance: notice.instance, cold: notice.cold, event: notice.event },
      });
      return;
    }
    const invocation = this.invocations.get(notice.requestId);
    if (invocation) invocation.endedAt = notice.at;
    if (invocation?.routeKey === '$disconnect' && invocation.connectionId)
      this.forget(invocation.connectionId);
    if (this.running.get(notice.accessKeyId) === notice.requestId) this.running.delete(notice.accessKeyId);
    if (this.runningOnInstance.get(notice.instance) === notice.requestId)
      this.runningOnInstance.delete(notice.instance);
    const { outcome } = notice;
    const figures = `${notice.durationMs.toFixed(1)} ms, billed ${notice.billedDurationMs} ms, ${notice.maxMemoryUsedMB}/${notice.memoryMB} MB${notice.initDurationMs === undefined ? '' : `, init ${notice.initDurationMs.toFixed(1)} ms`}`;
    this.add({
      trace: invocation?.trace ?? `invoke-${notice.requestId}`,
      kind: 'return',
      from: 'function',
      to: 'gateway',
      status: outcome.ok ? 'ok' : 'error',
      label: outcome.ok ? `END ${figures}` : `END ${outcome.errorType}: ${outcome.errorMessage} (${figures})`,
      functionName: notice.functionName,
      requestId: notice.requestId,
      ...(invocation?.connectionId ? { connectionId: invocation.connectionId } : {}),
      detail: {
        instance: notice.instance,
        cold: notice.initDurationMs !== undefined,
        durationMs: notice.durationMs,
        billedDurationMs: notice.billedDurationMs,
        memoryMB: notice.memoryMB,
        maxMemoryUsedMB: notice.maxMemoryUsedMB,
        ...(notice.initDurationMs === undefined ? {} : { initDurationMs: notice.initDurationMs }),
        ...(outcome.ok
          ? { result: outcome.payload }
          : { errorType: outcome.errorType, errorMessage: outcome.errorMessage }),
      },
    });
  }

  call(call: ServiceCall): void {
    const byHeader = traceKeyOf(call.traceHeader);
    const accessKeyId = call.principal?.accessKeyId ?? '';
    const requestId =
      (byHeader ? this.byTraceKey.get(byHeader) : undefined) ??
      this.running.get(accessKeyId) ??
      this.last.get(accessKeyId);
    const invocation = requestId ? this.invocations.get(requestId) : undefined;
    const denied = call.checks.some((c) => !c.allowed);
    // After END, or still unanswered at END: either way the handler did not wait for it.
    const endedAt = invocation?.endedAt;
    const afterEnd = endedAt !== undefined && endedAt <= call.startedAt;
    const late = endedAt !== undefined && endedAt < call.startedAt + call.latencyMs;
    const status: SpanStatus = denied ? 'denied' : late ? 'late' : call.status >= 400 ? 'error' : 'ok';
    const nowRunning = this.running.get(accessKeyId);
    // The control plane (CreateRoute, CreateDeployment…) is API Gateway itself.
    const to: Column =
      call.service === 'dynamodb' ? 'dynamodb' : call.service === 'apigateway' ? 'gateway' : 'connections';
    const iam = call.checks.map((check) => ({
      ...check,
      ...(call.principal && this.options.explain
        ? { explanation: this.options.explain(call.principal, check.action, check.resource) }
        : {}),
    }));
    const what = `${call.action}${call.target ? ` ${call.target}` : ''}`;
    const outcome = `${call.status}${call.errorType ? ` ${call.errorType}` : ''}`;
    const span = this.add({
      trace: invocation?.trace ?? `call-${call.requestId ?? Date.now()}`,
      kind: 'call',
      from: invocation ? 'function' : 'client',
      to,
      status,
      label: `${what} → ${outcome} (${call.latencyMs} ms)${afterEnd ? ' LATE: after END' : late ? ' LATE: unanswered at END' : ''}`,
      ...(invocation?.functionName ? { functionName: invocation.functionName } : {}),
      ...(invocation ? { requestId: invocation.requestId } : {}),
      ...(invocation?.connectionId ? { connectionId: invocation.connectionId } : {}),
      detail: {
        service: call.service,
        action: call.action,
        ...(call.target ? { target: call.target } : {}),
        status: call.status,
        ...(call.errorType ? { errorType: call.errorType } : {}),
        latencyMs: call.latencyMs,
        principal:
          call.principal?.kind === 'role'
            ? call.principal.arn
            : call.principal
              ? 'administrator'
              : 'unsigned or refused',
        iam,
        ...(call.traceHeader ? { traceHeader: call.traceHeader } : {}),
        ...(call.body ? { request: call.body } : {}),
        ...(late && invocation
          ? {
              late: {
                invocationEndedAt: invocation.endedAt,
                arrivedMsAfterEnd: call.startedAt - (invocation.endedAt ?? call.startedAt),
                when: afterEnd ? 'sent after END' : 'sent before END, answered after it',
                instance:
                  nowRunning && nowRunning !== invocation.requestId
                    ? `thawed for a later invocation (${nowRunning})`
                    : 'frozen or idle',
                hint: 'A call that arrives after END was started but not awaited (missing await): on Lambda it runs only if the instance is thawed again, if ever.',
              },
            }
          : {}),
      },
    });
    if (call.service === 'execute-api' && call.requestId) {
      const pending = this.pendingPosts.get(call.requestId);
      if (pending) {
        clearTimeout(pending.timer);
        this.pendingPosts.delete(call.requestId);
        this.postFrame(pending.event, span);
      }
    }
  }

  /** A log line; `kept` false when the role may not write logs, so CloudWatch never got it. */
  log(line: LogLine, kept: boolean): void {
    const id =
      /RequestId: ([0-9a-f-]{36})/.exec(line.message)?.[1] ??
      /^\S+\t([0-9a-f-]{36})\t/.exec(line.message)?.[1];
    const requestId = id && this.invocations.has(id) ? id : this.runningOnInstance.get(line.logStream);
    const invocation = requestId ? this.invocations.get(requestId) : undefined;
    this.add({
      trace: invocation?.trace ?? `log-${line.logStream}`,
      kind: 'log',
      from: 'function',
      to: 'function',
      status: kept ? 'ok' : 'denied',
      label: kept ? line.message : `(not written: the role may not write logs) ${line.message}`,
      functionName: line.functionName,
      ...(requestId ? { requestId } : {}),
      ...(invocation?.connectionId ? { connectionId: invocation.connectionId } : {}),
      detail: { logGroup: line.logGroup, logStream: line.logStream, timestamp: line.timestamp, kept },
    });
  }

  // ---- internals -------------------------------------------------------------------------------

  private postFrame(event: Extract<GatewayEvent, { type: 'frame-out' }>, call: Span | undefined): void {
    this.add({
      trace: call?.trace ?? `post-${event.requestId}`,
      kind: 'frame-out',
      from: 'connections',
      to: 'client',
      status: 'ok',
      label: `frame ${event.bytes} B (PostToConnection)`,
      connectionId: event.connectionId,
      ...(call?.functionName ? { functionName: call.functionName } : {}),
      ...(call?.requestId ? { requestId: call.requestId } : {}),
      detail: {
        source: event.source,
        bytes: event.bytes,
        body: event.body,
        managementRequestId: event.requestId,
      },
    });
  }

  /** A connection is gone: its room and $connect trace are needed no longer. */
  private forget(connectionId: string): void {
    this.rooms.delete(connectionId);
    this.connectTrace.delete(connectionId);
  }

  /** The oldest entries go once a map is over the bound (connections with no $disconnect route). */
  private bound(map: Map<string, string>): void {
    while (map.size > MAX_CONNECTIONS) map.delete(map.keys().next().value as string);
  }

  private remember(invocation: Invocation): void {
    this.invocations.set(invocation.requestId, invocation);
    this.byTraceKey.set(traceKeyOfRequest(invocation.requestId), invocation.requestId);
    while (this.invocations.size > MAX_INVOCATIONS) {
      const oldest = this.invocations.keys().next().value as string;
      this.invocations.delete(oldest);
      this.byTraceKey.delete(traceKeyOfRequest(oldest));
    }
  }

  private add(partial: Omit<Span, 'seq' | 'at' | 'room'> & { kind: SpanKind }): Span {
    const room = partial.connectionId ? this.rooms.get(partial.connectionId) : undefined;
    const span: Span = {
      seq: ++this.seq,
      at: Date.now(),
      ...partial,
      ...(room ? { room } : {}),
      detail: clip(partial.detail) as Record<string, unknown>,
    };
    this.kept.push(span);
    // Trimmed a quarter at a time: a splice per span moved the whole array on every event.
    if (this.kept.length > this.maxSpans * 1.25) this.kept.splice(0, this.kept.length - this.maxSpans);
    this.file?.write(`${JSON.stringify(span)}\n`);
    for (const listener of this.listeners) {
      try {
        listener(span);
      } catch {
        /* a failing viewer must not stop the trace */
      }
    }
    return span;
  }
}

/** The room a client names in a message (`{"action":"join","room":"…"}` and chat lines). */
function roomIn(body: string): string | undefined {
  try {
    const value = JSON.parse(body) as { room?: unknown };
    return typeof value?.room === 'string' && value.room !== '' ? value.room : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Long strings cut, so one huge event cannot fill the memory bound or the file. A detail with
 * nothing to cut (nearly all of them) is kept as it is: copying every span's detail cost more
 * than writing it. Details are built from finished events, so nobody changes them afterwards.
 */
function clip(value: unknown): unknown {
  return fits(value, 0) ? value : clipped(value, 0);
}

function fits(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.length <= DETAIL_TEXT;
  if (value === null || typeof value !== 'object' || depth > 8) return true;
  if (Array.isArray(value)) return value.length <= 200 && value.every((v) => fits(v, depth + 1));
  for (const key in value) {
    if (!fits((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function clipped(value: unknown, depth: number): unknown {
  if (typeof value === 'string')
    return value.length > DETAIL_TEXT ? `${value.slice(0, DETAIL_TEXT)}… (${value.length} chars)` : value;
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => clipped(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = clipped(v, depth + 1);
  return out;
}
