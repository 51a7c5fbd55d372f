/** The first screen's list of open rooms: one button per room, so a keyboard joins with Enter. */
import type { RoomList } from '../lobby.ts';
import type { Strings } from '../strings.ts';

export function showRooms(
  list: HTMLElement,
  status: HTMLElement,
  rooms: RoomList,
  strings: Strings,
  choose: (room: string) => void,
): void {
  const text =
    rooms.state === 'loading'
      ? strings.roomsLoading
      : rooms.state === 'unavailable'
        ? strings.roomsUnavailable
        : rooms.rooms.length === 0
          ? strings.roomsNone
          : '';
  if (status.textContent !== text) status.textContent = text;
  const entries = rooms.state === 'ready' ? rooms.rooms : [];
  // The list is asked for again every few seconds: unchanged, it is left alone, so a keyboard
  // user's focus on a room stays where it is.
  const key = JSON.stringify([strings.roomsTitle, entries]);
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.room;
  list.replaceChildren(
    ...entries.map((entry) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'room-choice';
      button.dataset.room = entry.room;
      button.setAttribute('aria-label', strings.joinRoomNamed(entry.room, entry.players));
      const name = document.createElement('span');
      name.className = 'room-choice-name';
      name.textContent = entry.room;
      const count = document.createElement('span');
      count.className = 'room-choice-count';
      count.textContent = strings.players(entry.players);
      button.append(name, count);
      button.addEventListener('click', () => choose(entry.room));
      item.append(button);
      return item;
    }),
  );
  if (focused !== undefined)
    list.querySelector<HTMLButtonElement>(`button[data-room="${CSS.escape(focused)}"]`)?.focus();
}
