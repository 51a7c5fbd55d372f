/** The trace page's words, in Korean and English; the default follows the browser's language. */
export type Lang = 'ko' | 'en';

const KO = {
  title: '메시지 추적',
  connection: '연결',
  room: '방',
  function: '함수',
  all: '전체',
  showLogs: '로그 줄',
  clear: '지우기',
  close: '닫기',
  client: '클라이언트',
  gateway: 'API Gateway',
  fn: 'Lambda 함수',
  empty: '아직 아무 일도 없습니다. 웹 클라이언트나 wscat으로 메시지를 보내 보세요.',
  connecting: '연결 중…',
  live: '실시간',
  lost: '끊김: 다시 연결 중…',
  other: 'English',
  details: '자세히',
  event: '이벤트 JSON',
  request: '요청',
  iam: 'IAM 평가',
  logs: '로그 줄',
  figures: '수치',
  late: '늦은 호출: 호출한 실행(invocation)이 END 된 뒤에 도착했습니다 — await 빠뜨림의 흔적입니다.',
  denied: '거부됨',
  allowedBy: '허용한 문장',
  deniedBecause: '거부 이유',
  implicit: '이 동작을 허용하는 문장이 없습니다 (암묵적 거부).',
  explicit: '명시적 Deny 문장',
  notWritten: '역할에 logs 권한이 없어 CloudWatch Logs에 기록되지 않았습니다.',
} as const;

export type Strings = { [K in keyof typeof KO]: string };

const EN: Strings = {
  title: 'Message trace',
  connection: 'Connection',
  room: 'Room',
  function: 'Function',
  all: 'all',
  showLogs: 'log lines',
  clear: 'Clear',
  close: 'Close',
  client: 'Client',
  gateway: 'API Gateway',
  fn: 'Lambda function',
  empty: 'Nothing yet. Send a message from the web client or wscat.',
  connecting: 'connecting…',
  live: 'live',
  lost: 'lost: reconnecting…',
  other: '한국어',
  details: 'Details',
  event: 'Event JSON',
  request: 'Request',
  iam: 'IAM evaluation',
  logs: 'Log lines',
  figures: 'Figures',
  late: 'Late call: it arrived after its invocation had ENDed — the signature of a missing await.',
  denied: 'denied',
  allowedBy: 'Allowed by statement',
  deniedBecause: 'Denied because',
  implicit: 'no statement allows this action (implicit deny).',
  explicit: 'an explicit Deny statement',
  notWritten: 'Not written to CloudWatch Logs: the role lacks the logs permissions.',
};

export const STRINGS: Record<Lang, Strings> = { ko: KO, en: EN };

export function defaultLang(languages: readonly string[]): Lang {
  const first = languages[0]?.toLowerCase() ?? 'ko';
  return first.startsWith('en')
    ? 'en'
    : first.startsWith('ko')
      ? 'ko'
      : languages.some((l) => l.toLowerCase().startsWith('ko'))
        ? 'ko'
        : 'en';
}
