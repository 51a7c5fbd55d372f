/** Filling a room: connect and join with bounded concurrency, as players arriving together would. */
import { BenchClient, closeAll, inBatches } from '../client.ts';
import type { Context } from './types.ts';

const isJoined = (room: string) => (f: Record<string, unknown>) => f.type === 'joined' && f.room === room;

export interface FilledRoom {
  room: string;
  clients: BenchClient[];
  /** The `joined` frame of the first client: carries the room's game. */
  firstJoin: Record<string, unknown>;
}

export async function fillRoom(ctx: Context, room: string, size: number): Promise<FilledRoom> {
  const clients: BenchClient[] = [];
  try {
    const joins = await inBatches(
      Array.from({ length: size }, (_, i) => i),
      ctx.plan.setupConcurrency,
      async (i) => {
        const { client } = await BenchClient.open(ctx.wsUrl, ctx.plan.handshakeTimeoutMs);
        clients.push(client);
        const joined = client.waitFor(isJoined(room), ctx.plan.handshakeTimeoutMs, `join ${room} as p${i}`);
        client.send({ action: 'join', username: `p${i}`, room });
        return { client, frame: (await joined).frame };
      },
    );
    return { room, clients: joins.map((j) => j.client), firstJoin: joins[0]?.frame ?? {} };
  } catch (error) {
    closeAll(clients);
    throw error;
  }
}
