import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, RateLimiter, resolveLimits } from './limits.ts';

describe('gateway limits', () => {
  it("defaults are AWS's documented WebSocket quotas", () => {
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
    expect(DEFAULT_LIMITS).toEqual({
      maxMessageBytes: 131072,
      maxFrameBytes: 32768,
      idleTimeoutMs: 600000,
      maxConnectionMs: 7200000,
      connectsPerSecond: 500,
      integrationTimeoutMs: 29000,
    });
  });

  it('overrides apply and nonsense is refused with the name of the limit', () => {
    expect(resolveLimits({ idleTimeoutMs: 100 }).idleTimeoutMs).toBe(100);
    expect(() => resolveLimits({ maxFrameBytes: 0 })).toThrow(/maxFrameBytes/);
  });

  it('the rate limiter allows a burst of one second, then refills with time', () => {
    const limiter = new RateLimiter(2, 0);
    expect([limiter.tryTake(0), limiter.tryTake(0), limiter.tryTake(0)]).toEqual([true, true, false]);
    expect(limiter.tryTake(499)).toBe(false);
    expect(limiter.tryTake(500)).toBe(true);
  });
});
