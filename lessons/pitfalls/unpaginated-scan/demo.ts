/**
 * Ten players whose User rows are big enough that the table spans more than one Scan page, then
 * one chat. Who receives it is what the room sees; the function's log shows the pages.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Text, tr, withParticle } from '../../runner/i18n.ts';
import { isChat, type TestClient } from '../../shared/ws-client.ts';
import { brokenThenFixed, eventually, type Variant, type VariantSpec } from '../kit/variant.ts';
import { type Demo, DemoError } from '../types.ts';

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
  const told = (o: Outcome): Text =>
    tr(
      `the log shows ${o.pages.length} Scan call(s) (${o.pages.join('; ')}); ${
        o.missed.length === 0
          ? `all ${PLAYERS.length} players got the chat`
          : `${o.missed.length} of ${PLAYERS.length} players never got the chat: ${o.missed.join(', ')}`
      }`,
      `로그에 Scan 호출 ${o.pages.length}번 (${o.pages.join('; ')}); ${
        o.missed.length === 0
          ? `플레이어 ${PLAYERS.length}명 모두 채팅을 받았습니다`
          : `플레이어 ${PLAYERS.length}명 중 ${o.missed.length}명은 채팅을 끝내 받지 못했습니다: ${o.missed.join(', ')}`
      }`,
    );
  return {
    broken: {
      ok: broken.missed.length > 0 && broken.pages.length === 1 && /set/.test(broken.pages[0] ?? ''),
      observed: tr(
        `${told(broken).en}; the one Scan stopped at 1 MB with a LastEvaluatedKey nobody followed`,
        `${told(broken).ko}; 한 번뿐인 Scan이 1 MB에서 멈췄고, 아무도 LastEvaluatedKey를 따라가지 않았습니다`,
      ),
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
      v.say(tr(`${PLAYERS.length} players connect`, `플레이어 ${PLAYERS.length}명이 접속합니다`));
      const clients: TestClient[] = [];
      for (const name of PLAYERS) clients.push(await v.connect(name));

      v.say(
        tr(
          `an administrator gives every User row a ${AVATAR_BYTES / 1000} KB avatar, as if the app kept profile pictures there`,
          `관리자가 User의 모든 행에 ${AVATAR_BYTES / 1000} KB짜리 아바타를 넣습니다 (앱이 프로필 사진을 거기에 저장한다고 가정)`,
        ),
      );
      v.say(
        tr(
          '(a stand-in for a busy room: the workshop’s bare rows, about 40 bytes each, pass 1 MB at about 25,000 players)',
          '(붐비는 방을 흉내 낸 것입니다: 워크숍의 맨 행은 하나에 40바이트쯤이라, 플레이어가 2만 5천 명쯤 되어야 1 MB를 넘습니다)',
        ),
      );
      await padUserRows(v);

      const sender = clients[0];
      if (!sender) throw new DemoError(tr('no players', '플레이어가 없습니다'));
      const since = Date.now();
      v.say(
        tr(
          `${sender.name} chats "${TEXT}"`,
          `${withParticle(sender.name, '이/가')} "${TEXT}"라고 채팅합니다`,
        ),
      );
      sender.send({ username: sender.name, content: TEXT });
      await eventually(async () => v.logs(since).some((l) => l.message.includes('posted to')), 10_000);
      // Posts are awaited before that log line; a moment more lets the last frames land.
      const received = await Promise.all(clients.map((c) => c.waitFor((f) => isChat(f, TEXT), 1000)));
      const missed = clients.filter((_, i) => received[i] === undefined).map((c) => c.name);
      const pages = v
        .logs(since)
        .map((l) => /Scan page: (.*)/.exec(l.message)?.[1])
        .filter((line): line is string => line !== undefined);
      for (const page of pages) v.say(tr(`log: Scan page: ${page}`, `로그: Scan page: ${page}`));
      v.say(
        missed.length === 0
          ? tr('every player got the chat', '모든 플레이어가 채팅을 받았습니다')
          : tr(
              `${missed.length} players got nothing: ${missed.join(', ')}`,
              `${missed.length}명은 아무것도 받지 못했습니다: ${missed.join(', ')}`,
            ),
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
