/**
 * `{"action":"rooms"}` (reaching $default): the rooms that have a game and how many players are in
 * each, for the first screen. Lobby sockets that have not joined are not counted.
 */
import type { AppDeps } from '../deps.ts';
import type { RoomsFrame } from '../protocol/outgoing.ts';

/** The first screen shows a handful; a Scan past this would only slow the reply. */
export const ROOMS_LISTED = 30;

export async function listRooms(deps: AppDeps): Promise<RoomsFrame> {
  const names = await deps.games.listRooms(ROOMS_LISTED);
  const rooms = await Promise.all(
    names.map(async (room) => ({ room, players: await deps.users.countJoined(room) })),
  );
  rooms.sort((a, b) => b.players - a.players || a.room.localeCompare(b.room));
  return { type: 'rooms', rooms };
}
