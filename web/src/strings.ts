/** The page's words in Korean (the default: the workshop's audience) and English. */
export type Lang = 'ko' | 'en';

export interface Strings {
  title: string;
  nickname: string;
  room: string;
  join: string;
  leave: string;
  nicknameRequired: string;
  roomInvalid: string;
  consonant: string;
  waiting: string;
  chat: string;
  message: string;
  placeholder: string;
  send: string;
  scores: string;
  player: string;
  answersCount: string;
  answers: string;
  noAnswers: string;
  you: string;
  connecting: string;
  online: string;
  offline: string;
  retryIn: (seconds: number) => string;
  closed: string;
  retryNow: string;
  notSent: string;
  serverError: (code: string, message: string) => string;
  answered: (username: string, word: string) => string;
  /** A right answer whose winner the frame did not name (lesson stacks send only answeredWords). */
  answeredWord: (word: string) => string;
  otherLang: string;
  howToTitle: string;
  howTo1: string;
  howTo2: string;
  howTo3: string;
  roomsTitle: string;
  roomsLoading: string;
  roomsNone: string;
  roomsUnavailable: string;
  players: (count: number) => string;
  joinRoomNamed: (room: string, count: number) => string;
  correct: string;
  consonantsNow: (consonants: string) => string;
  nicknameInUse: string;
  nicknameTaken: string;
  replaced: string;
  rejoin: string;
}

const ko: Strings = {
  title: '초성퀴즈',
  nickname: '닉네임',
  room: '방',
  join: '입장',
  leave: '나가기',
  nicknameRequired: '닉네임을 입력하세요.',
  roomInvalid: '방 이름은 32자 이내의 글자, 숫자, _, - 로 지어 주세요.',
  consonant: '이번 초성',
  waiting: '…',
  chat: '채팅',
  message: '메시지',
  placeholder: '정답이나 메시지를 입력하고 Enter',
  send: '보내기',
  scores: '점수',
  player: '이름',
  answersCount: '정답',
  answers: '정답 기록',
  noAnswers: '아직 정답이 없습니다.',
  you: '나',
  connecting: '연결 중…',
  online: '온라인',
  offline: '오프라인',
  retryIn: (seconds) => `${seconds}초 후 다시 연결`,
  closed: '연결 안 됨',
  retryNow: '지금 연결',
  notSent: '연결되어 있지 않아 보내지 못했습니다. 입력한 글은 그대로 있습니다.',
  serverError: (code, message) => `서버 오류 (${code}): ${message}`,
  answered: (username, word) => `${username} 님이 "${word}" 정답!`,
  answeredWord: (word) => `"${word}" 정답!`,
  otherLang: 'English',
  howToTitle: '이렇게 놀아요',
  howTo1: '화면의 초성(예: ㄱㅇㅈ)에 맞는 낱말을 떠올리세요.',
  howTo2: '채팅창에 입력하고 Enter: 먼저 맞힌 사람이 1점을 얻습니다.',
  howTo3: '누군가 맞히면 다음 초성으로 넘어갑니다. 같은 방 사람 모두와 겨뤄요.',
  roomsTitle: '지금 열린 방',
  roomsLoading: '방 목록을 불러오는 중…',
  roomsNone: '아직 열린 방이 없습니다. 방 이름을 정해 새로 시작하세요.',
  roomsUnavailable: '이 서버는 방 목록을 알려 주지 않습니다. 방 이름을 직접 입력하세요.',
  players: (count) => `${count}명`,
  joinRoomNamed: (room, count) => `${room} 방에 입장 (${count}명)`,
  correct: '정답',
  consonantsNow: (consonants) => `이번 초성: ${consonants}`,
  nicknameInUse: '이 닉네임은 지금 이 방에서 다른 사람이 쓰고 있습니다. 다른 닉네임을 골라 주세요.',
  nicknameTaken: '이 닉네임은 이 방의 다른 플레이어(다른 브라우저)의 것입니다. 다른 닉네임을 골라 주세요.',
  replaced: '같은 플레이어가 다른 창이나 기기에서 다시 들어와, 이 창은 방에서 나왔습니다.',
  rejoin: '이 창에서 다시 입장',
};

const en: Strings = {
  title: 'Chosung quiz',
  nickname: 'Nickname',
  room: 'Room',
  join: 'Join',
  leave: 'Leave',
  nicknameRequired: 'Please enter a nickname.',
  roomInvalid: 'A room name is 1 to 32 letters, digits, "_" or "-".',
  consonant: 'Consonants to guess',
  waiting: '…',
  chat: 'Chat',
  message: 'Message',
  placeholder: 'Type an answer or a message, then Enter',
  send: 'Send',
  scores: 'Scores',
  player: 'Player',
  answersCount: 'Answers',
  answers: 'Who answered what',
  noAnswers: 'No answers yet.',
  you: 'you',
  connecting: 'Connecting…',
  online: 'Online',
  offline: 'Offline',
  retryIn: (seconds) => `retrying in ${seconds} s`,
  closed: 'Not connected',
  retryNow: 'Retry now',
  notSent: 'Not connected, so nothing was sent. Your text is still there.',
  serverError: (code, message) => `Server error (${code}): ${message}`,
  answered: (username, word) => `${username} got it: "${word}"!`,
  answeredWord: (word) => `"${word}" is right!`,
  otherLang: '한국어',
  howToTitle: 'How to play',
  howTo1: 'Think of a word whose initial consonants match the ones shown (e.g. ㄱㅇㅈ → 강아지).',
  howTo2: 'Type it in the chat and press Enter: the first right answer scores a point.',
  howTo3: 'Then the next consonants appear. Everyone in the room plays together.',
  roomsTitle: 'Open rooms',
  roomsLoading: 'Loading the rooms…',
  roomsNone: 'No room is open yet. Name a room and start one.',
  roomsUnavailable: 'This server does not list its rooms. Type a room name.',
  players: (count) => (count === 1 ? '1 player' : `${count} players`),
  joinRoomNamed: (room, count) => `Join room ${room} (${count === 1 ? '1 player' : `${count} players`})`,
  correct: 'correct',
  consonantsNow: (consonants) => `Consonants now: ${consonants}`,
  nicknameInUse: 'Someone is playing under this nickname in this room right now. Please pick another one.',
  nicknameTaken:
    'This nickname belongs to another player of this room (another browser). Please pick another one.',
  replaced: 'The same player joined again from another window or device, so this window left the room.',
  rejoin: 'Rejoin in this window',
};

export const STRINGS: Record<Lang, Strings> = { ko, en };

/** Intl locale for each language, for times and numbers. */
export const LOCALES: Record<Lang, string> = { ko: 'ko-KR', en: 'en-US' };

/** Keys whose value is plain text, the only ones markup may name in `data-i18n`. */
export type TextKey = { [K in keyof Strings]: Strings[K] extends string ? K : never }[keyof Strings];

export function isTextKey(key: string): key is TextKey {
  return key in ko && typeof ko[key as keyof Strings] === 'string';
}
