/**
 * The DynamoDB engine's progress lines, as a learner sees them while a lesson starts. The
 * emulator writes them in English for its own log (and its tests match them there); the lessons
 * show the few a learner always meets in Korean too. A line not listed here stays as it is.
 */
import { type Msg, tr, withParticle } from './i18n.ts';

type Reading = (...groups: string[]) => string;

const LINES: Array<[RegExp, Reading]> = [
  [
    /^building the DynamoDB Local launcher \(once per JDK, into (.+)\)…$/,
    (cache) => `DynamoDB Local 실행기를 빌드합니다 (JDK마다 한 번, 위치: ${cache})…`,
  ],
  [
    /^starting DynamoDB Local \((.+)\) on port (\d+)…$/,
    (java, port) => `DynamoDB Local을 시작합니다 (${java}), 포트 ${port}…`,
  ],
  [
    /^saved a class archive for DynamoDB Local: later starts reach it about twice as fast$/,
    () => 'DynamoDB Local의 클래스 아카이브를 저장했습니다: 다음부터는 두 배쯤 빨리 시작합니다',
  ],
  [
    /^port (\d+) was taken before DynamoDB Local could bind it; trying another$/,
    (port) =>
      `DynamoDB Local이 쓰기 전에 ${withParticle(`포트 ${port}`, '을/를')} 다른 프로그램이 가져갔습니다. 다른 포트로 다시 시도합니다`,
  ],
  [/^dynalite listening on (.+)$/, (endpoint) => `dynalite 주소: ${endpoint}`],
  [/^using the DynamoDB endpoint (.+)…$/, (endpoint) => `DynamoDB 엔드포인트를 씁니다: ${endpoint}…`],
  [
    /^DynamoDB: (.+) at (\S+)$/,
    (engine, endpoint) => `DynamoDB: ${describeEngine(engine)}, 주소 ${endpoint}`,
  ],
];

/** `DynamoDB Local 3.3.0 (Java 17), in memory` and the like, as the engine describes itself. */
function describeEngine(description: string): string {
  return description
    .replace(/, in memory\b/, ', 메모리에만 저장')
    .replace(/, data in (\S+)/, ', 데이터 위치 $1')
    .replace('(in-process', '(같은 프로세스')
    .replace(/; no (.+)\)$/, '; 없는 기능: $1)');
}

/** The line in both languages when it is one the lessons know; otherwise the line itself. */
export function engineLine(line: string): Msg {
  for (const [pattern, korean] of LINES) {
    const match = pattern.exec(line);
    if (match) return tr(line, korean(...match.slice(1)));
  }
  return line;
}
