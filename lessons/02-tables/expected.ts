/** What lesson 2 checks the learner's tables against: the workshop's step 2, exactly. */
export interface ExpectedTable {
  name: string;
  key: string;
  type: 'S' | 'N';
  /** Why the key has this type, for the hint. */
  why: string;
}

export const EXPECTED_TABLES: ExpectedTable[] = [
  {
    name: 'User',
    key: 'connectionId',
    type: 'S',
    why: 'a WebSocket connection id is a string like "Kp3x9cQ2oE0CFfg="',
  },
  {
    name: 'Chat',
    key: 'timestamp',
    type: 'S',
    why: 'the key is the ISO time string new Date().toISOString() gives',
  },
  { name: 'Game', key: 'id', type: 'N', why: 'the game row is stored under the number 1' },
];

export const TYPE_NAMES: Record<string, string> = { S: 'S (string)', N: 'N (number)', B: 'B (binary)' };
