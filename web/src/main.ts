/**
 * The page: a first screen (join form, how to play, the open rooms) until you join, then the
 * room. A player is a nickname plus this browser's token (preferences.ts), so a refresh or an
 * auto-reconnect takes the same seat and score back.
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
import { type Lobby, openLobby, type RoomList } from './lobby.ts';
import {
  playerToken,
  rememberedLang,
  rememberedNickname,
  rememberLang,
  rememberNickname,
} from './preferences.ts';
import { chatMessage, classifyFrame, joinMessage } from './protocol.ts';
import { type AnswerRecord, applyFrame, emptyRoom, type RoomState } from './room-state.ts';
import { type Lang, LOCALES, STRINGS, type Strings } from './strings.ts';
import { type ChatLabels, markAnswers, relabelChat, showChat } from './view/chat-log.ts';
import { applyLabels } from './view/labels.ts';
import { showRooms } from './view/rooms.ts';
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
  rooms: byId('rooms'),
  roomsStatus: byId('rooms-status'),
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
  rejoin: byId<HTMLButtonElement>('rejoin'),
  scores: byId<HTMLTableSectionElement>('scores'),
  answers: byId('answers'),
};

let lang: Lang = rememberedLang();
let strings: Strings = STRINGS[lang];
let state: RoomState = emptyRoom();
let connection: Connection | undefined;
let lobby: Lobby | undefined;
let roomList: RoomList = { state: 'loading' };
let me = '';
let room = '';
/** The last server error, kept as a code so a language switch can say it again. */
let notice: { code: string; message: string } | { text: keyof Strings } | undefined;

const status = statusView(
  {
    badge: byId('status'),
    state: byId('status-state'),
    countdown: byId('status-countdown'),
    retry: byId<HTMLButtonElement>('retry'),
  },
  strings,
);

const chatLabels = (): ChatLabels => ({ locale: LOCALES[lang], correct: strings.correct });

function relabel(): void {
  strings = STRINGS[lang];
  applyLabels(document, lang, strings);
  ui.lang.textContent = strings.otherLang;
  ui.lang.lang = lang === 'ko' ? 'en' : 'ko';
  status.relabel(strings);
  relabelChat(ui.chatLog, chatLabels());
  showLastAnswer(state.lastAnswer);
  showNotice();
  showRooms(ui.rooms, ui.roomsStatus, roomList, strings, chooseRoom);
  renderBoard();
}

function renderBoard(): void {
  // Only a real change is written: the live region then announces each new question once.
  const consonant = state.consonant ?? strings.waiting;
  if (ui.consonant.textContent !== consonant) ui.consonant.textContent = consonant;
  showScores(ui.scores, state.scores, me, strings);
  showAnswers(ui.answers, state.answers, strings);
}

function showLastAnswer(answer: AnswerRecord | undefined): void {
  ui.lastAnswer.textContent =
    answer === undefined
      ? ''
      : answer.username === undefined
        ? strings.answeredWord(answer.word)
        : strings.answered(answer.username, answer.word);
}

/** Server codes the page can say in the reader's language; others are shown as sent. */
function describeError(code: string, message: string): string {
  if (code === 'nickname-in-use') return strings.nicknameInUse;
  if (code === 'nickname-taken') return strings.nicknameTaken;
  if (code === 'replaced') return strings.replaced;
  return strings.serverError(code, message);
}

function showNotice(): void {
  if (notice === undefined) ui.notice.textContent = '';
  else if ('text' in notice) ui.notice.textContent = String(strings[notice.text]);
  else ui.notice.textContent = describeError(notice.code, notice.message);
  ui.rejoin.hidden = !(notice && 'code' in notice && notice.code === 'replaced');
}

function notify(next: typeof notice): void {
  notice = next;
  showNotice();
}

function receive(text: string): void {
  const update = applyFrame(state, classifyFrame(text));
  state = update.state;
  if (update.chat.length > 0 || update.replaceChat)
    showChat(ui.chatLog, update.chat, update.replaceChat, me, chatLabels());
  if (update.marks.length > 0) markAnswers(ui.chatLog, update.marks, chatLabels());
  if (update.state.room !== undefined) ui.roomName.textContent = update.state.room;
  if (update.answer) showLastAnswer(update.answer);
  if (update.error) refused(update.error);
  renderBoard();
}

/** Errors that end this page's place in the room: the nickname is someone else's, or ours elsewhere. */
function refused(error: { code: string; message: string }): void {
  if (error.code === 'nickname-in-use' || error.code === 'nickname-taken') {
    leave();
    ui.joinError.textContent = describeError(error.code, error.message);
    ui.nickname.focus();
    ui.nickname.select();
    return;
  }
  if (error.code === 'replaced') {
    // Reconnecting on our own would take the seat back from the other window, which would do the same.
    connection?.close();
    connection = undefined;
  }
  notify(error);
  if (error.code === 'replaced') ui.rejoin.focus();
}

async function join(nickname: string, roomName: string): Promise<void> {
  me = nickname;
  room = roomName;
  state = emptyRoom();
  rememberNickname(me);
  lobby?.close();
  lobby = undefined;
  if (location.hash !== hashForRoom(room)) history.replaceState(null, '', hashForRoom(room));
  ui.me.textContent = me;
  ui.roomName.textContent = room;
  showLastAnswer(undefined);
  notify(undefined);
  showChat(ui.chatLog, [], true, me, chatLabels());
  renderBoard();
  document.body.dataset.phase = 'room';
  ui.input.focus();

  let url: string;
  try {
    url = await resolveWsUrl(location);
  } catch (error) {
    ui.notice.textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  connection?.close();
  const token = playerToken();
  connection = openConnection(url, {
    onStatus: (next) => status.show(next),
    onOpen: (send) => {
      notify(undefined);
      send(joinMessage(me, room, token));
    },
    onText: receive,
  });
}

function leave(): void {
  connection?.close();
  connection = undefined;
  document.body.dataset.phase = 'form';
  ui.joinError.textContent = '';
  void listRooms();
  ui.nickname.focus();
}

function sendChat(text: string): boolean {
  const sent = connection?.send(chatMessage(me, text, room)) ?? false;
  notify(sent ? undefined : { text: 'notSent' });
  return sent;
}

async function listRooms(): Promise<void> {
  lobby?.close();
  let url: string;
  try {
    url = await resolveWsUrl(location);
  } catch {
    roomList = { state: 'unavailable' };
    showRooms(ui.rooms, ui.roomsStatus, roomList, strings, chooseRoom);
    return;
  }
  if (document.body.dataset.phase !== 'form') return;
  lobby = openLobby(url, (list) => {
    roomList = list;
    showRooms(ui.rooms, ui.roomsStatus, roomList, strings, chooseRoom);
  });
}

function chooseRoom(name: string): void {
  ui.room.value = name;
  ui.form.requestSubmit();
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
ui.rejoin.addEventListener('click', () => void join(me, room));
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
void listRooms();
(ui.nickname.value === '' ? ui.nickname : byId<HTMLButtonElement>('join')).focus();
