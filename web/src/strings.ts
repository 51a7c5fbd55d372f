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
  otherLang: string;
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
  otherLang: 'English',
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
  answered: (username, word) => `${username} answered "${word}"!`,
  otherLang: '한국어',
};

export const STRINGS: Record<Lang, Strings> = { ko, en };

/** Keys whose value is plain text, the only ones markup may name in `data-i18n`. */
export type TextKey = { [K in keyof Strings]: Strings[K] extends string ? K : never }[keyof Strings];

export function isTextKey(key: string): key is TextKey {
  return key in ko && typeof ko[key as keyof Strings] === 'string';
}
