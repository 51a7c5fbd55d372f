/**
 * Echo round trip. raw-ws has a true echo. The app has no echo route, so here echo is a chat in a
 * room where the sender is alone, timed until its own broadcast comes back: one Lambda invocation,
 * its DynamoDB reads and writes, and one @connections post.
 */
import { BenchClient } from '../client.ts';
import { fillRoom } from './rooms.ts';
import type { Context, Measurement } from './types.ts';

const WARMUP = 5;

export async function echo(ctx: Context): Promise<Measurement[]> {
  const trueEcho = ctx.runtime === 'raw-ws';
  let client: BenchClient;
  if (trueEcho) {
    client = (await BenchClient.open(ctx.wsUrl, ctx.plan.handshakeTimeoutMs)).client;
  } else {
    const filled = await fillRoom(ctx, `echo-${ctx.tag}`, 1);
    client = filled.clients[0] as BenchClient;
  }
  const latencies: number[] = [];
  let failures = 0;
  let lastError = '';
  try {
    for (let i = -WARMUP; i < ctx.plan.echoSamples; i++) {
      const content = `안녕 ${ctx.tag} ${i}`;
      const back = client.waitFor(
        (f) => f.content === content && (trueEcho || f.type === 'chat'),
        ctx.plan.sampleTimeoutMs,
        `echo ${i}`,
      );
      const sent = trueEcho
        ? client.send({ action: 'echo', username: 'p0', content })
        : client.send({ action: 'chat', username: 'p0', content });
      try {
        const { at } = await back;
        if (i >= 0) latencies.push(at - sent);
      } catch (error) {
        failures++;
        lastError = (error as Error).message;
      }
      client.clearBacklog();
    }
  } finally {
    client.close();
  }
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  return [
    {
      scenario: 'echo',
      clients: 1,
      latenciesMs: latencies,
      opsPerS: latencies.length > 0 ? 1000 / mean : undefined,
      failures,
      note: [trueEcho ? 'true echo' : 'chat to a room of one', failures > 0 ? lastError : '']
        .filter(Boolean)
        .join('; '),
    },
  ];
}
