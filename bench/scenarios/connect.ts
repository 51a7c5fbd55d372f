/** Connect latency with nothing else going on: one handshake at a time (on the app, $connect included). */
import { BenchClient } from '../client.ts';
import type { Context, Measurement } from './types.ts';

export async function connectLatency(ctx: Context): Promise<Measurement[]> {
  const latencies: number[] = [];
  let failures = 0;
  let lastError = '';
  for (let i = 0; i < ctx.plan.connectSamples; i++) {
    try {
      const { client, handshakeMs } = await BenchClient.open(ctx.wsUrl, ctx.plan.handshakeTimeoutMs);
      latencies.push(handshakeMs);
      client.close();
    } catch (error) {
      failures++;
      lastError = (error as Error).message;
    }
  }
  return [
    {
      scenario: 'connect',
      clients: 1,
      latenciesMs: latencies,
      opsPerS:
        latencies.length > 0 ? 1000 / (latencies.reduce((a, b) => a + b, 0) / latencies.length) : undefined,
      failures,
      note: failures > 0 ? lastError : undefined,
    },
  ];
}
