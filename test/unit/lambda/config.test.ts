import { describe, expect, it } from 'vitest';
import { managementEndpoint, tableNamesFromEnv } from '../../../lambda/src/config.ts';
import { appTables } from '../../../lambda/src/tables.ts';

describe('config', () => {
  it('falls back to the AWS default management endpoint', () => {
    const context = { domainName: 'abc123.execute-api.ap-northeast-2.amazonaws.com', stage: 'dev' };
    expect(managementEndpoint(context, {})).toBe(
      'https://abc123.execute-api.ap-northeast-2.amazonaws.com/dev',
    );
    expect(managementEndpoint(context, { MANAGEMENT_ENDPOINT: 'http://127.0.0.1:3001/dev' })).toBe(
      'http://127.0.0.1:3001/dev',
    );
  });

  it('reads table names from the environment', () => {
    expect(tableNamesFromEnv({})).toEqual({
      user: 'User',
      chat: 'Chat',
      game: 'Game',
      words: 'Words',
      player: 'Player',
    });
    expect(tableNamesFromEnv({ USER_TABLE: 'user-dev' }).user).toBe('user-dev');
  });

  it('defines the five tables on demand billing', () => {
    expect(appTables.map((table) => table.TableName)).toEqual(['User', 'Chat', 'Game', 'Words', 'Player']);
    for (const table of appTables) expect(table.BillingMode).toBe('PAY_PER_REQUEST');
  });
});
