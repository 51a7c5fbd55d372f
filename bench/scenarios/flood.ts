/**
 * Flood: one socket sends `floodMessages` chats at once into its own room, and a victim in another
 * room chats meanwhile, one message after another, each timed until its own broadcast comes back.
 * The victim's latencies are the measurement: with a fair queue they stay near an echo's; with a
 * first-in-first-out queue each would wait behind the whole flood (issue 14: 30 s and
 * "Endpoint request timed out"). Goal on the emulator: p99 under 2 s with 2,000 flood messages.
 */
import { BenchClient } from '../client.ts';
import { fillRoom } from './rooms.ts';
import type { Context, Measurement } from './types.ts';

export async function flood(ctx: Context): Promise<Measurement[]> {
  const trueEcho = ctx.runtime === 'raw-ws';
  let flooder: BenchClient;
  let victim: BenchClient;
  if (trueEcho) {
    flooder = (await BenchClient.open(ctx.wsUrl, ctx.plan.handshakeTimeoutMs)).client;
    victim = (await BenchClient.open(ctx.wsUrl, ctx.plan.handshakeTimeoutMs)).client;
  } else {
    flooder = (await fillRoom(ctx, `flood-${ctx.tag}`, 1)).clients[0] as BenchClient;
    victim = (await fillRoom(ctx, `victim-${ctx.tag}`, 1)).clients[0] as BenchClient;
  }
  const latencies: number[] = [];
  let failures = 0;
  let lastError = '';
  try {
    const action = trueEcho ? 'echo' : 'chat';
    for (let i = 0; i < ctx.plan.floodMessages; i++) {
      flooder.send({ action, username: 'flooder', content: `flood ${i}` });
    }
    for (let i = 0; i < ctx.plan.floodSamples; i++) {
      const content = `victim ${ctx.tag} ${i}`;
      const back = victim.waitFor(
        (f) => f.content === content && (trueEcho || f.type === 'chat'),
        ctx.plan.sampleTimeoutMs,
        `victim chat ${i}`,
      );
      const sent = victim.send({ action, username: 'victim', content });
      try {
        const { at } = await back;
        latencies.push(at - sent);
      } catch (error) {
        failures++;
        lastError = (error as Error).message;
      }
      victim.clearBacklog();
      flooder.clearBacklog();
    }
  } finally {
    flooder.close();
    victim.close();
  }
  return [
    {
      scenario: 'flood',
      clients: 2,
      latenciesMs: latencies,
      failures,
      note: [
        `victim's chat during a flood of ${ctx.plan.floodMessages} from one socket`,
        failures > 0 ? lastError : '',
      ]
        .filter(Boolean)
        .join('; '),
    },
  ];
}
