/**
 * Ten players whose User rows are big enough that the table spans more than one Scan page, then
 * one chat. Who receives it is what the room sees; the function's log shows the pages.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isChat, type TestClient } from '../../shared/ws-client.ts';
import { brokenThenFixed, eventually, type Variant, type VariantSpec } from '../kit/variant.ts';
import type { Demo } from '../types.ts';

const PLAYERS = ['철수', '영희', '민수', '지영', '현우', '수진', '동현', '서연', '준호', '하은'];
/** About a 250 KB profile picture per row: ten rows make 2.5 MB, more than two 1 MB pages. */
const AVATAR_BYTES = 250_000;
const TEXT = '다들 안녕!';

interface Outcome {
  missed: string[];
  pages: string[];
}

export const demo: Demo = async (ctx) => {
  const { broken, fixed } = await brokenThenFixed(ctx, 'unpaginated-scan', play('broken'), play('fixed'));
  const told = (o: Outcome) =>
    `the log shows ${o.pages.length} Scan call(s) (${o.pages.join('; ')}); ${
      o.missed.length === 0
        ? `all ${PLAYERS.length} players got the chat`
        : `${o.missed.length} of ${PLAYERS.length} players never got the chat: ${o.missed.join(', ')}`
    }`;
  return {
    broken: {
      ok: broken.missed.length > 0 && broken.pages.length === 1 && /set/.test(broken.pages[0] ?? ''),
      observed: `${told(broken)}; the one Scan stopped at 1 MB with a LastEvaluatedKey nobody followed`,
    },
    fixed: {
      ok: fixed.missed.length === 0 && fixed.pages.length > 1,
      observed: told(fixed),
    },
  };
};

function play(label: 'broken' | 'fixed'): VariantSpec<Outcome> {
  return {
    label,
    run: async (v) => {
      v.say(`${PLAYERS.length} players connect`);
      const clients: TestClient[] = [];
      for (const name of PLAYERS) clients.push(await v.connect(name));

      v.say(
        `an administrator gives every User row a ${AVATAR_BYTES / 1000} KB avatar, as if the app kept profile pictures there`,
      );
      v.say(
        '(a stand-in for a busy room: the workshop’s bare rows, about 40 bytes each, pass 1 MB at about 25,000 players)',
      );
      await padUserRows(v);

      const sender = clients[0];
      if (!sender) throw new Error('no players');
      const since = Date.now();
      v.say(`${sender.name} chats "${TEXT}"`);
      sender.send({ username: sender.name, content: TEXT });
      await eventually(async () => v.logs(since).some((l) => l.message.includes('posted to')), 10_000);
      // Posts are awaited before that log line; a moment more lets the last frames land.
      const received = await Promise.all(clients.map((c) => c.waitFor((f) => isChat(f, TEXT), 1000)));
      const missed = clients.filter((_, i) => received[i] === undefined).map((c) => c.name);
      const pages = v
        .logs(since)
        .map((l) => /Scan page: (.*)/.exec(l.message)?.[1])
        .filter((line): line is string => line !== undefined);
      for (const page of pages) v.say(`log: Scan page: ${page}`);
      v.say(
        missed.length === 0
          ? 'every player got the chat'
          : `${missed.length} players got nothing: ${missed.join(', ')}`,
      );
      return { missed, pages };
    },
  };
}

async function padUserRows(v: Variant): Promise<void> {
  const avatar = 'x'.repeat(AVATAR_BYTES);
  for (const row of await v.db.scanAll('User')) {
    await v.db.doc.send(
      new UpdateCommand({
        TableName: 'User',
        Key: { connectionId: row.connectionId },
        UpdateExpression: 'SET avatar = :avatar',
        ExpressionAttributeValues: { ':avatar': avatar },
      }),
    );
  }
}
