/**
 * A CloudWatch-Logs-like store: groups (`/aws/lambda/<function>`) hold streams (one per function
 * instance) that hold events. Kept in memory for this process and appended to disk for others.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogLine } from '../contracts.ts';
import { LineFile } from '../line-file.ts';
import { fileNameFor, type LogRecord, serialise } from './files.ts';

export interface StreamInfo {
  name: string;
  /** When its first event arrived in this process. */
  creationTime: number;
  firstEventTimestamp: number;
  lastEventTimestamp: number;
  lastIngestionTime: number;
  events: number;
  storedBytes: number;
}

/** A record as memory keeps it: numbered in arrival order, so an API can page through it stably. */
export type StoredRecord = LogRecord & { id: number; ingestionTime: number };

export interface EventQuery {
  group?: string;
  stream?: string;
  /** Epoch milliseconds; events at or after it. */
  since?: number;
}

export type LogListener = (record: StoredRecord) => void;

export interface LogStoreOptions {
  /** Directory for the JSON-lines files; memory only when omitted. */
  dir?: string;
  /**
   * Events kept in memory per group; older ones are dropped from memory (the files keep them).
   * Without a bound a long-running emulator grew by every START/END/REPORT line it ever wrote.
   */
  maxEventsPerGroup?: number;
}

/** Enough for any lesson check or test to see recent lines (~1,600 invocations); about 1.5 MB per group. */
export const DEFAULT_MAX_EVENTS_PER_GROUP = 5_000;

export class LogStore {
  private readonly groupMap = new Map<string, Map<string, StoredRecord[]>>();
  private readonly created = new Map<string, number>();
  private nextId = 1;
  /** Per group, the stream of each event in memory, oldest first: what to drop when over the bound. */
  private readonly arrival = new Map<string, { streams: string[]; head: number }>();
  private readonly files = new Map<string, LineFile>();
  private readonly listeners = new Set<LogListener>();
  private readonly maxEvents: number;
  readonly dir: string | undefined;

  constructor(options: LogStoreOptions = {}) {
    this.dir = options.dir;
    this.maxEvents = Math.max(1, options.maxEventsPerGroup ?? DEFAULT_MAX_EVENTS_PER_GROUP);
    if (this.dir) mkdirSync(this.dir, { recursive: true });
  }

  put(line: LogLine): void {
    const now = Date.now();
    const record: StoredRecord = {
      group: line.logGroup,
      stream: line.logStream,
      timestamp: line.timestamp,
      message: line.message,
      ingestionTime: now,
      id: this.nextId++,
    };
    let streams = this.groupMap.get(record.group);
    if (!streams) {
      streams = new Map();
      this.groupMap.set(record.group, streams);
      if (!this.created.has(record.group)) this.created.set(record.group, now);
    }
    let events = streams.get(record.stream);
    if (!events) {
      events = [];
      streams.set(record.stream, events);
      const key = `${record.group}\n${record.stream}`;
      if (!this.created.has(key)) this.created.set(key, now);
    }
    events.push(record);
    this.keepWithinBound(record.group, streams, record.stream);
    const { id: _id, ...persisted } = record;
    this.fileFor(record.group)?.write(serialise(persisted));
    for (const listener of this.listeners) listener(record);
  }

  groups(): string[] {
    return [...this.groupMap.keys()].sort();
  }

  /** When the group's first event arrived in this process; undefined for a group it never saw. */
  groupCreationTime(group: string): number | undefined {
    return this.groupMap.has(group) ? this.created.get(group) : undefined;
  }

  streams(group: string): StreamInfo[] {
    const streams = this.groupMap.get(group);
    if (!streams) return [];
    return [...streams].map(([name, events]) => {
      let first = Number.POSITIVE_INFINITY;
      let last = 0;
      let bytes = 0;
      for (const e of events) {
        first = Math.min(first, e.timestamp);
        last = Math.max(last, e.timestamp);
        bytes += Buffer.byteLength(e.message) + 26;
      }
      return {
        name,
        creationTime: this.created.get(`${group}\n${name}`) ?? 0,
        firstEventTimestamp: events.length > 0 ? first : 0,
        lastEventTimestamp: last,
        lastIngestionTime: events.at(-1)?.ingestionTime ?? 0,
        events: events.length,
        storedBytes: bytes,
      };
    });
  }

  /** Events in time order (ties keep the order they were written in). */
  events(query: EventQuery = {}): StoredRecord[] {
    const out: StoredRecord[] = [];
    for (const [group, streams] of this.groupMap) {
      if (query.group !== undefined && group !== query.group) continue;
      for (const [stream, events] of streams) {
        if (query.stream !== undefined && stream !== query.stream) continue;
        for (const e of events) if (query.since === undefined || e.timestamp >= query.since) out.push(e);
      }
    }
    return out.sort((a, b) => a.timestamp - b.timestamp || a.id - b.id);
  }

  /** Calls `listener` with every event put from now on; returns the way to stop. */
  follow(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Flushes and closes the files. */
  async close(): Promise<void> {
    const closing = [...this.files.values()].map((f) => f.end());
    this.files.clear();
    this.listeners.clear();
    await Promise.all(closing);
  }

  /** Drops the group's oldest events from memory once it holds more than the bound. */
  private keepWithinBound(group: string, streams: Map<string, StoredRecord[]>, stream: string): void {
    let arrival = this.arrival.get(group);
    if (!arrival) {
      arrival = { streams: [], head: 0 };
      this.arrival.set(group, arrival);
    }
    arrival.streams.push(stream);
    while (arrival.streams.length - arrival.head > this.maxEvents) {
      const oldest = arrival.streams[arrival.head++] as string;
      const events = streams.get(oldest);
      events?.shift();
      if (events?.length === 0) streams.delete(oldest);
    }
    // Compact the arrival list now and then instead of shifting it on every event.
    if (arrival.head > this.maxEvents) {
      arrival.streams = arrival.streams.slice(arrival.head);
      arrival.head = 0;
    }
  }

  private fileFor(group: string): LineFile | undefined {
    if (!this.dir) return undefined;
    let file = this.files.get(group);
    if (!file) {
      // A full disk must not take the emulator down; the in-memory copy still serves.
      file = new LineFile(join(this.dir, fileNameFor(group)), () => this.files.delete(group));
      this.files.set(group, file);
    }
    return file;
  }
}
