/**
 * The least-privilege rule of lesson 1 on a table of policies, judged by the emulator's IAM
 * engine: the reference grants nothing extra; each widening is named by action and resource.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyDocument, PolicyStatement } from '../../emulator/stack.ts';
import { HINTS } from '../runner/hints.ts';
import { askerFor } from '../shared/iam.ts';
import { extraGrants } from './least-privilege.ts';
import { NEEDED, ROLE_NAME } from './requirements.ts';
import { policy as reference } from './solution/policy.ts';

const TABLE = 'arn:aws:dynamodb:ap-northeast-2:123456789012:table/';

const statements = (): PolicyStatement[] =>
  structuredClone(Array.isArray(reference.Statement) ? reference.Statement : [reference.Statement]);

/** The reference with the statement named `sid` changed, or more statements added. */
function variant(
  change: (byId: Map<string, PolicyStatement>) => void,
  more: PolicyStatement[] = [],
): PolicyDocument {
  const list = statements();
  change(new Map(list.map((s) => [s.Sid ?? '', s])));
  return { Version: '2012-10-17', Statement: [...list, ...more] };
}

const actionsOf = (s: PolicyStatement | undefined) => [s?.Action ?? []].flat();

async function extras(policy: PolicyDocument): Promise<string[]> {
  const asker = await askerFor({ name: ROLE_NAME, policy });
  return (await extraGrants(asker, policy)).map((g) => `${g.action} on ${g.resource}`).sort();
}

describe('lesson 1: nothing more than the function needs', () => {
  it('the reference solution grants nothing extra', async () => {
    expect(await extras(reference)).toEqual([]);
  });

  it("names each of the learner's extra grants with its action and table ARN", async () => {
    const policy = variant((byId) => {
      const user = byId.get('Connections');
      const chat = byId.get('Chat');
      if (!user || !chat) throw new Error('the reference has statements Connections and Chat');
      user.Action = [...actionsOf(user), 'dynamodb:UpdateTable', 'dynamodb:BatchWriteItem'];
      chat.Action = [...actionsOf(chat), 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan'];
    });
    expect(await extras(policy)).toEqual([
      `dynamodb:BatchWriteItem on ${TABLE}Chat`,
      `dynamodb:BatchWriteItem on ${TABLE}User`,
      `dynamodb:DeleteItem on ${TABLE}Chat`,
      `dynamodb:Scan on ${TABLE}Chat`,
      `dynamodb:UpdateTable on ${TABLE}User`,
    ]);
  });

  it('one statement for Chat and Game gives Chat the GetItem it never calls', async () => {
    const policy = variant((byId) => {
      const game = byId.get('Game');
      if (!game) throw new Error('the reference has a Game statement');
      game.Resource = [`${TABLE}Chat`, `${TABLE}Game`];
    });
    expect(await extras(policy)).toEqual([`dynamodb:GetItem on ${TABLE}Chat`]);
  });

  it('a wildcard action on a table shows as every action it adds', async () => {
    const policy = variant((byId) => {
      const game = byId.get('Game');
      if (game) game.Action = 'dynamodb:Get*';
    });
    // Every Get* action AWS defines but GetItem (the list grows with AWS; these three are old).
    const found = await extras(policy);
    expect(found).toEqual(
      expect.arrayContaining([
        `dynamodb:GetRecords on ${TABLE}Game`,
        `dynamodb:GetShardIterator on ${TABLE}Game`,
        `dynamodb:GetResourcePolicy on ${TABLE}Game`,
      ]),
    );
    expect(found.every((line) => line.startsWith('dynamodb:Get') && line.endsWith(`on ${TABLE}Game`))).toBe(
      true,
    );
    expect(found).not.toContain(`dynamodb:GetItem on ${TABLE}Game`);
  });

  it('a table the function never touches, named outright, is extra', async () => {
    const policy = variant(() => {}, [
      { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: `${TABLE}Billing` },
    ]);
    expect(await extras(policy)).toEqual([`dynamodb:GetItem on ${TABLE}Billing`]);
  });

  it('more log actions than Lambda writes with are extra', async () => {
    const policy = variant((byId) => {
      const logs = byId.get('OwnLogs');
      if (logs) logs.Action = [...actionsOf(logs), 'logs:GetLogEvents'];
    });
    expect(await extras(policy)).toEqual([
      'logs:GetLogEvents on arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/android-realtime-lambda:*',
    ]);
  });

  it('an action of a service the function never calls is extra', async () => {
    const policy = variant(() => {}, [
      { Sid: 'Bucket', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    ]);
    const asker = await askerFor({ name: ROLE_NAME, policy });
    expect(await extraGrants(asker, policy)).toEqual([
      { action: 's3:GetObject', resource: '*', sid: 'Bucket' },
    ]);
  });

  it('the answer hint (level 3) grants each table exactly what the function calls on it', () => {
    const answer = HINTS[1]?.[2]?.en ?? '';
    for (const table of ['User', 'Chat', 'Game']) {
      const said = new RegExp(`${table}: (?:dynamodb:)?([A-Za-z, ]+?) on ${TABLE}${table};`).exec(answer);
      expect(said, `the hint names ${table}'s actions and ARN`).not.toBeNull();
      const hinted = (said?.[1] ?? '').split(', ').map((a) => `dynamodb:${a}`);
      const needed = NEEDED.filter((n) => n.resource === `${TABLE}${table}`).map((n) => n.action);
      expect(hinted.sort(), table).toEqual(needed.sort());
    }
  });
});
