import { describe, expect, it } from 'vitest';
import { engineLine } from './engine-lines.ts';
import { pick } from './i18n.ts';

describe("the engine's progress lines in a lesson", () => {
  it('shows the lines a learner always meets in Korean, and keeps the English as the emulator wrote it', () => {
    const lines = [
      'building the DynamoDB Local launcher (once per JDK, into /home/me/.cache/chosung/launcher)…',
      'starting DynamoDB Local (openjdk 17.0.12 2024-07-16) on port 41235…',
      'DynamoDB: DynamoDB Local 3.3.0 (Java 17), in memory at http://127.0.0.1:41235',
      'saved a class archive for DynamoDB Local: later starts reach it about twice as fast',
    ];
    const ko = lines.map((line) => pick(engineLine(line), 'ko'));
    expect(ko).toEqual([
      'DynamoDB Local 실행기를 빌드합니다 (JDK마다 한 번, 위치: /home/me/.cache/chosung/launcher)…',
      'DynamoDB Local을 시작합니다 (openjdk 17.0.12 2024-07-16), 포트 41235…',
      'DynamoDB: DynamoDB Local 3.3.0 (Java 17), 메모리에만 저장, 주소 http://127.0.0.1:41235',
      'DynamoDB Local의 클래스 아카이브를 저장했습니다: 다음부터는 두 배쯤 빨리 시작합니다',
    ]);
    expect(lines.map((line) => pick(engineLine(line), 'en'))).toEqual(lines);
  });

  it('describes dynalite and a kept data folder too, and leaves an unknown line alone', () => {
    expect(
      pick(
        engineLine('DynamoDB: dynalite (in-process, in memory; no PartiQL and TTL) at http://127.0.0.1:9'),
        'ko',
      ),
    ).toBe(
      'DynamoDB: dynalite (같은 프로세스, 메모리에만 저장; 없는 기능: PartiQL and TTL), 주소 http://127.0.0.1:9',
    );
    expect(
      pick(
        engineLine('DynamoDB: DynamoDB Local 3.3.0 (Java 21), data in /srv/db at http://127.0.0.1:9'),
        'ko',
      ),
    ).toBe('DynamoDB: DynamoDB Local 3.3.0 (Java 21), 데이터 위치 /srv/db, 주소 http://127.0.0.1:9');
    expect(engineLine('created table User')).toBe('created table User');
  });
});
