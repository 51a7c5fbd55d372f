/**
 * The connection registry: what API Gateway knows about each client, apart from how it talks
 * to it. `connecting` covers the `$connect` integration (the upgrade is still pending, so
 * @connections calls get 410), `open` the usable life, `closing` the `$disconnect` call.
 */

export type ConnectionState = 'connecting' | 'open' | 'closing';

export interface ConnectionIdentity {
  sourceIp: string;
  userAgent?: string;
}

/** Why the gateway (not the client) ended a connection: the code and reason `$disconnect` reports. */
export interface CloseCause {
  code: number;
  reason: string;
}

export interface ConnectionRecord<Socket> {
  connectionId: string;
  state: ConnectionState;
  /** Epoch ms of the connect request, reported unchanged in every event of the connection. */
  connectedAt: number;
  lastActiveAt: number;
  identity: ConnectionIdentity;
  /** Reported as `requestContext.domainName`: the API's AWS hostname. */
  domainName: string;
  socket?: Socket;
  closeCause?: CloseCause;
}

/** A snapshot for the console and tests; the socket stays inside the gateway. */
export interface ConnectionInfo {
  connectionId: string;
  state: ConnectionState;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent?: string;
}

export class ConnectionRegistry<Socket> {
  private readonly records = new Map<string, ConnectionRecord<Socket>>();

  add(record: Omit<ConnectionRecord<Socket>, 'state' | 'lastActiveAt'>): ConnectionRecord<Socket> {
    if (this.records.has(record.connectionId))
      throw new Error(`duplicate connection id ${record.connectionId}`);
    const full: ConnectionRecord<Socket> = {
      ...record,
      state: 'connecting',
      lastActiveAt: record.connectedAt,
    };
    this.records.set(record.connectionId, full);
    return full;
  }

  get(connectionId: string): ConnectionRecord<Socket> | undefined {
    return this.records.get(connectionId);
  }

  /** Only open connections accept @connections calls; the rest are "gone" to the caller. */
  getOpen(connectionId: string): ConnectionRecord<Socket> | undefined {
    const record = this.records.get(connectionId);
    return record?.state === 'open' ? record : undefined;
  }

  open(connectionId: string, socket: Socket, at: number = Date.now()): ConnectionRecord<Socket> {
    const record = this.require(connectionId);
    if (record.state !== 'connecting')
      throw new Error(`connection ${connectionId} is ${record.state}, not connecting`);
    record.state = 'open';
    record.socket = socket;
    record.lastActiveAt = at;
    return record;
  }

  touch(connectionId: string, at: number = Date.now()): void {
    const record = this.records.get(connectionId);
    if (record) record.lastActiveAt = at;
  }

  /** Marks the connection as ending; the first cause recorded wins (a timeout beats the echo of its close). */
  markClosing(connectionId: string, cause?: CloseCause): ConnectionRecord<Socket> | undefined {
    const record = this.records.get(connectionId);
    if (!record) return undefined;
    record.state = 'closing';
    if (cause && !record.closeCause) record.closeCause = cause;
    return record;
  }

  /** Records the cause of a close the gateway is about to start, without changing state yet. */
  setCloseCause(connectionId: string, cause: CloseCause): void {
    const record = this.records.get(connectionId);
    if (record && !record.closeCause) record.closeCause = cause;
  }

  remove(connectionId: string): void {
    this.records.delete(connectionId);
  }

  list(): ConnectionInfo[] {
    return [...this.records.values()].map((r) => ({
      connectionId: r.connectionId,
      state: r.state,
      connectedAt: r.connectedAt,
      lastActiveAt: r.lastActiveAt,
      sourceIp: r.identity.sourceIp,
      ...(r.identity.userAgent === undefined ? {} : { userAgent: r.identity.userAgent }),
    }));
  }

  all(): ConnectionRecord<Socket>[] {
    return [...this.records.values()];
  }

  private require(connectionId: string): ConnectionRecord<Socket> {
    const record = this.records.get(connectionId);
    if (!record) throw new Error(`unknown connection ${connectionId}`);
    return record;
  }
}
