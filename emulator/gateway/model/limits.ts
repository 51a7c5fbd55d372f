/**
 * The quotas a WebSocket API runs under. Defaults are AWS's, from
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 * Tests shrink them to observe the behaviour without waiting ten minutes.
 */
export interface GatewayLimits {
  /** Message payload size: 128 KB. A larger message closes the socket with 1009. */
  maxMessageBytes: number;
  /** WebSocket frame size: 32 KB. A larger frame closes the socket with 1009. */
  maxFrameBytes: number;
  /** Idle connection timeout: 10 minutes without a frame from the client. */
  idleTimeoutMs: number;
  /** Connection duration: 2 hours, however busy the connection is. */
  maxConnectionMs: number;
  /** New connections per second per account per Region: 500. Excess handshakes get 429. */
  connectsPerSecond: number;
  /**
   * `@connections` calls per second. AWS documents no figure of its own (only the account-wide
   * throttle), so there is no limit unless one is set; over it the call gets 429 LimitExceededException.
   */
  postsPerSecond?: number;
  /** Integration timeout: 29 seconds at most for every integration type. */
  integrationTimeoutMs: number;
  /**
   * After the gateway closes a connection (idle, duration, DeleteConnection), how long it waits
   * for the client's close frame before dropping the TCP connection and running `$disconnect`.
   * AWS documents no figure; ws's own 30 s applies unless set. A client that vanished never answers,
   * so this is how long its row outlives the idle timeout.
   */
  closeTimeoutMs?: number;
}

export const DEFAULT_LIMITS: Readonly<GatewayLimits> = Object.freeze({
  maxMessageBytes: 128 * 1024,
  maxFrameBytes: 32 * 1024,
  idleTimeoutMs: 10 * 60 * 1000,
  maxConnectionMs: 2 * 60 * 60 * 1000,
  connectsPerSecond: 500,
  integrationTimeoutMs: 29_000,
});

export function resolveLimits(overrides: Partial<GatewayLimits> = {}): GatewayLimits {
  const limits: GatewayLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof GatewayLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`gateway limit ${key} must be a positive number, got ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}

/**
 * A token bucket refilled at `ratePerSecond`, holding at most one second's worth: the way API
 * Gateway throttles (a steady rate with a burst), without a timer of its own.
 */
export class RateLimiter {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly ratePerSecond: number,
    now: number = Date.now(),
  ) {
    this.tokens = ratePerSecond;
    this.refilledAt = now;
  }

  tryTake(now: number = Date.now()): boolean {
    const elapsed = Math.max(0, now - this.refilledAt);
    this.tokens = Math.min(this.ratePerSecond, this.tokens + (elapsed / 1000) * this.ratePerSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
