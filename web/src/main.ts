/**
 * The page: one screen that is the nickname form until you join, then the room, with the
 * form folded into the header (the 2019 app's extra "start" screen is gone on purpose).
 */
import { type Connection, openConnection } from './connection.ts';
import {
  cleanNickname,
  cleanRoom,
  hashForRoom,
  isValidRoom,
  resolveWsUrl,
  roomFromHash,
} from './endpoint.ts';
import { sendOnEnter, submitField } from './enter-to-send.ts';
import { rememberedLang, rememberedNickname, rememberLang, rememberNickname } from './preferences.ts';
import { chatMessage, classifyFrame, joinMessage } from './protocol.ts';
import { applyFrame, emptyRoom, type RoomState } from './room-state.ts';
import { type Lang, STRINGS } from './strings.ts';
import { showChat } from './view/chat-log.ts';
import { applyLabels } from './view/labels.ts';
import { showAnswers, showScores } from './view/scoreboard.ts';
import { statusView } from './view/status.ts';

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html lacks #${id}`);
  return element as T;
}

const ui = {
  form: byId<HTMLFormElement>('join-form'),
  nickname: byId<HTMLInputElement>('nickname'),
  room: byId<HTMLInputElement>('room'),
  joinError: byId('join-error'),
  me: byId('me'),
  roomName: byId('room-name'),
  leave: byId<HTMLButtonElement>('leave'),
  lang: byId<HTMLButtonElement>('lang'),
  consonant: byId('consonant'),
  lastAnswer: byId('last-answer'),
  chatLog: byId('chat-log'),
  input: byId<HTMLInputElement>('chat-input'),
  send: byId<HTMLButtonElement>('send'),
  notice: byId('notice'),
  scores: byId<HTMLTableSectionElement>('scores'),
  answers: byId('answers'),
};

let lang: Lang = rememberedLang();
let strings = STRINGS[lang];
let state: RoomState = emptyRoom();
let connection: Connection | undefined;
let me = '';
let room = '';

const status = statusView(
  {
    badge: byId('status'),
    state: byId('status-state'),
    countdown: byId('status-countdown'),
    retry: byId<HTMLButtonElement>('retry'),
  },
  strings,
);

function relabel(): void {
  strings = STRINGS[lang];
  applyLabels(document, lang, strings);
  ui.lang.textContent = strings.otherLang;
  ui.lang.lang = lang === 'ko' ? 'en' : 'ko';
  status.relabel(strings);
  renderBoard();
}

function renderBoard(): void {
  ui.consonant.textContent = state.consonant ?? strings.waiting;
  showScores(ui.scores, state.scores, me, strings);
  showAnswers(ui.answers, state.answers, strings);
}

function notify(text: string): void {
  ui.notice.textContent = text;
}

function receive(text: string): void {
  const update = applyFrame(state, classifyFrame(text));
  state = update.state;
  if (update.chat.length > 0 || update.replaceChat)
    showChat(ui.chatLog, update.chat, update.replaceChat, me, lang);
  if (update.state.room !== undefined) ui.roomName.textContent = update.state.room;
  if (update.answer) ui.lastAnswer.textContent = strings.answered(update.answer.username, update.answer.word);
  if (update.error) notify(strings.serverError(update.error.code, update.error.message));
  renderBoard();
}

async function join(nickname: string, roomName: string): Promise<void> {
  me = nickname;
  room = roomName;
  state = emptyRoom();
  rememberNickname(me);
  if (location.hash !== hashForRoom(room)) history.replaceState(null, '', hashForRoom(room));
  ui.me.textContent = me;
  ui.roomName.textContent = room;
  ui.lastAnswer.textContent = '';
  notify('');
  showChat(ui.chatLog, [], true, me, lang);
  renderBoard();
  document.body.dataset.phase = 'room';
  ui.input.focus();

  let url: string;
  try {
    url = await resolveWsUrl(location);
  } catch (error) {
    notify(error instanceof Error ? error.message : String(error));
    return;
  }
  connection?.close();
  connection = openConnection(url, {
    onStatus: (next) => status.show(next),
    onOpen: (send) => {
      notify('');
      send(joinMessage(me, room));
    },
    onText: receive,
  });
}

function leave(): void {
  connection?.close();
  connection = undefined;
  document.body.dataset.phase = 'form';
  ui.nickname.focus();
}

function sendChat(text: string): boolean {
  const sent = connection?.send(chatMessage(me, text, room)) ?? false;
  notify(sent ? '' : strings.notSent);
  return sent;
}

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const nickname = cleanNickname(ui.nickname.value);
  if (nickname === '') {
    ui.joinError.textContent = strings.nicknameRequired;
    ui.nickname.focus();
    return;
  }
  const roomName = cleanRoom(ui.room.value);
  if (!isValidRoom(roomName)) {
    ui.joinError.textContent = strings.roomInvalid;
    ui.room.focus();
    return;
  }
  ui.joinError.textContent = '';
  void join(nickname, roomName);
});

sendOnEnter(ui.input, sendChat);
ui.send.addEventListener('click', () => {
  submitField(ui.input, sendChat);
  ui.input.focus();
});
ui.leave.addEventListener('click', leave);
byId<HTMLButtonElement>('retry').addEventListener('click', () => connection?.retryNow());
ui.lang.addEventListener('click', () => {
  lang = lang === 'ko' ? 'en' : 'ko';
  rememberLang(lang);
  relabel();
});
window.addEventListener('hashchange', () => {
  const next = roomFromHash(location.hash);
  ui.room.value = next;
  if (document.body.dataset.phase === 'room' && next !== room && isValidRoom(next)) void join(me, next);
});

ui.nickname.value = rememberedNickname();
if (location.hash !== '') ui.room.value = roomFromHash(location.hash);
relabel();
(ui.nickname.value === '' ? ui.nickname : byId<HTMLButtonElement>('join')).focus();
