/** What lesson 2 checks the learner's tables against: the workshop's step 2, exactly. */
import { type Text, tr } from '../runner/i18n.ts';

export interface ExpectedTable {
  name: string;
  key: string;
  type: 'S' | 'N';
  /** Why the key has this type, for the hint. */
  why: Text;
}

export const EXPECTED_TABLES: ExpectedTable[] = [
  {
    name: 'User',
    key: 'connectionId',
    type: 'S',
    why: tr(
      'a WebSocket connection id is a string like "Kp3x9cQ2oE0CFfg="',
      'WebSocket 연결 id는 "Kp3x9cQ2oE0CFfg=" 같은 문자열입니다',
    ),
  },
  {
    name: 'Chat',
    key: 'timestamp',
    type: 'S',
    why: tr(
      'the key is the ISO time string new Date().toISOString() gives',
      '키는 new Date().toISOString()이 주는 ISO 시간 문자열입니다',
    ),
  },
  {
    name: 'Game',
    key: 'id',
    type: 'N',
    why: tr('the game row is stored under the number 1', '게임 행은 숫자 1 아래에 저장됩니다'),
  },
];

export const TYPE_NAMES: Record<string, string> = { S: 'S (string)', N: 'N (number)', B: 'B (binary)' };
