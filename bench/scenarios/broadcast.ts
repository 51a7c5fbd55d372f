/** One chat reaching all N members of a room through the real app: send → last member's arrival. */
import { closeAll } from '../client.ts';
import { fillRoom } from './rooms.ts';
import type { Context, Measurement } from './types.ts';

export async function broadcast(ctx: Context): Promise<Measurement[]> {
  const results: Measurement[] = [];
  for (const size of ctx.plan.broadcastSizes) results.push(await broadcastTo(ctx, size));
  return results;
}

async function broadcastTo(ctx: Context, size: number): Promise<Measurement> {
  ctx.log(`broadcast N=${size}: connecting and joining ${size} clients…`);
  const filled = await fillRoom(ctx, `b${size}-${ctx.tag}`, size);
  const [sender] = filled.clients;
  const latencies: number[] = [];
  let failures = 0;
  let lastError = '';
  let deliveries = 0;
  let busyMs = 0;
  try {
    // Sample 0 is a warm-up: the first post to each connection may open HTTP sockets, fill caches.
    for (let i = -1; i < ctx.plan.broadcastSamples; i++) {
      for (const c of filled.clients) c.clearBacklog();
      const content = `안녕 ${ctx.tag} ${size} ${i}`;
      const arrivals = filled.clients.map((c, k) =>
        c.waitFor((f) => f.type === 'chat' && f.content === content, ctx.plan.sampleTimeoutMs, `client ${k}`),
      );
      const sent = sender?.send({ action: 'chat', username: 'p0', content, room: filled.room }) ?? 0;
      const settled = await Promise.allSettled(arrivals);
      const got = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value.at] : []));
      const missed = settled.length - got.length;
      if (missed > 0) {
        failures++;
        lastError = `${missed} of ${size} clients did not get the chat within ${ctx.plan.sampleTimeoutMs} ms`;
        continue;
      }
      if (i < 0) continue;
      const last = Math.max(...got) - sent;
      latencies.push(last);
      deliveries += size;
      busyMs += last;
    }
  } finally {
    closeAll(filled.clients);
  }
  return {
    scenario: 'broadcast',
    clients: size,
    latenciesMs: latencies,
    opsPerS: busyMs > 0 ? (deliveries * 1000) / busyMs : undefined,
    failures,
    note: failures > 0 ? lastError : undefined,
  };
}
