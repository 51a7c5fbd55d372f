/**
 * The chat list. User text only ever reaches the DOM through `textContent`, so a line like
 * `<img onerror=…>` is shown as those characters and never parsed.
 */
import type { Chat } from '../protocol.ts';

/** Enough to scroll back through a session without the page growing without bound. */
const MAX_LINES = 300;
/** Within this many pixels of the bottom counts as "reading the latest": keep following. */
const FOLLOW_SLACK_PX = 40;

export function formatTime(timestamp: string | number | undefined, lang: string): string {
  if (timestamp === undefined) return '';
  const millis =
    typeof timestamp === 'number' || /^\d+$/.test(timestamp) ? Number(timestamp) : Date.parse(timestamp);
  if (!Number.isFinite(millis)) return '';
  return new Date(millis).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
}

function chatLine(chat: Chat, me: string, lang: string): HTMLLIElement {
  const line = document.createElement('li');
  line.className = chat.username === me ? 'line mine' : 'line';
  const name = document.createElement('span');
  name.className = 'who';
  name.textContent = chat.username;
  const content = document.createElement('span');
  content.className = 'what';
  content.textContent = chat.content;
  line.append(name, content);
  const time = formatTime(chat.timestamp, lang);
  if (time !== '') {
    const when = document.createElement('time');
    when.className = 'when';
    when.textContent = time;
    line.append(when);
  }
  return line;
}

export function showChat(list: HTMLElement, chats: Chat[], replace: boolean, me: string, lang: string): void {
  const scroller = list.parentElement ?? list;
  const following = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < FOLLOW_SLACK_PX;
  if (replace) list.replaceChildren();
  for (const chat of chats) list.append(chatLine(chat, me, lang));
  while (list.childElementCount > MAX_LINES) list.firstElementChild?.remove();
  if (following || replace) scroller.scrollTop = scroller.scrollHeight;
}
