/**
 * The chat list. User text only ever reaches the DOM through `textContent`, so a line like
 * `<img onerror=…>` is shown as those characters and never parsed. Times are formatted with
 * Intl in the page's language and re-formatted when it changes; right answers get a mark.
 */
import type { Chat } from '../protocol.ts';
import type { AnswerRecord } from '../room-state.ts';

/** Enough to scroll back through a session without the page growing without bound. */
const MAX_LINES = 300;
/** Within this many pixels of the bottom counts as "reading the latest": keep following. */
const FOLLOW_SLACK_PX = 40;

export interface ChatLabels {
  /** An Intl locale, e.g. ko-KR. */
  locale: string;
  /** The word on a right answer's mark. */
  correct: string;
}

export function timestampMillis(timestamp: string | number | undefined): number | undefined {
  if (timestamp === undefined) return undefined;
  const millis =
    typeof timestamp === 'number' || /^\d+$/.test(timestamp) ? Number(timestamp) : Date.parse(timestamp);
  return Number.isFinite(millis) ? millis : undefined;
}

export function formatTime(timestamp: string | number | undefined, locale: string): string {
  const millis = timestampMillis(timestamp);
  if (millis === undefined) return '';
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(millis));
}

function chatLine(chat: Chat, me: string, labels: ChatLabels): HTMLLIElement {
  const line = document.createElement('li');
  line.className = chat.username === me ? 'line mine' : 'line';
  line.dataset.username = chat.username;
  const name = document.createElement('span');
  name.className = 'who';
  name.textContent = chat.username;
  const content = document.createElement('span');
  content.className = 'what';
  content.textContent = chat.content;
  line.append(name, content);
  const millis = timestampMillis(chat.timestamp);
  if (millis !== undefined) {
    const when = document.createElement('time');
    when.className = 'when';
    when.dateTime = new Date(millis).toISOString();
    when.textContent = formatTime(millis, labels.locale);
    line.append(when);
  }
  return line;
}

export function showChat(
  list: HTMLElement,
  chats: Chat[],
  replace: boolean,
  me: string,
  labels: ChatLabels,
): void {
  const scroller = list.parentElement ?? list;
  const following = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < FOLLOW_SLACK_PX;
  if (replace) list.replaceChildren();
  for (const chat of chats) list.append(chatLine(chat, me, labels));
  while (list.childElementCount > MAX_LINES) list.firstElementChild?.remove();
  if (following || replace) scroller.scrollTop = scroller.scrollHeight;
}

/** Marks, for each answer, the latest unmarked line where its winner (if known) said the word. */
export function markAnswers(list: HTMLElement, answers: AnswerRecord[], labels: ChatLabels): void {
  const lines = [...list.querySelectorAll<HTMLLIElement>('li.line')].reverse();
  for (const answer of answers) {
    const line = lines.find(
      (candidate) =>
        !candidate.classList.contains('correct') &&
        (answer.username === undefined || candidate.dataset.username === answer.username) &&
        candidate.querySelector('.what')?.textContent?.trim() === answer.word,
    );
    if (!line) continue;
    line.classList.add('correct');
    const mark = document.createElement('span');
    mark.className = 'mark';
    mark.textContent = `✓ ${labels.correct}`;
    line.querySelector('.what')?.after(mark);
  }
}

/** The language changed: times and marks already shown follow it. */
export function relabelChat(list: HTMLElement, labels: ChatLabels): void {
  for (const when of list.querySelectorAll<HTMLTimeElement>('time.when'))
    when.textContent = formatTime(when.dateTime, labels.locale);
  for (const mark of list.querySelectorAll<HTMLElement>('.mark')) mark.textContent = `✓ ${labels.correct}`;
}
