/**
 * 철수 stays in the room while visitors come and go in waves; after each wave he chats. The demo
 * counts, as an administrator would, the rows in User, the posts the broadcast made (from the
 * function's log) and the connections the gateway still has open.
 */
import { type Text, tr } from '../../runner/i18n.ts';
import { isChat } from '../../shared/ws-client.ts';
import { brokenThenFixed, eventually, type Variant, type VariantSpec } from '../kit/variant.ts';
import type { Demo } from '../types.ts';

const WAVES = 3;
const VISITORS_PER_WAVE = 3;

interface Wave {
  userRows: number;
  posts: number;
  open: number;
}

export const demo: Demo = async (ctx) => {
  const { broken, fixed } = await brokenThenFixed(ctx, 'stale-connections', play('broken'), play('fixed'));
  const last = (waves: Wave[]) => waves.at(-1) ?? { userRows: -1, posts: -1, open: -1 };
  const grew = broken.every((w, i) => w.userRows === 1 + VISITORS_PER_WAVE * (i + 1));
  return {
    broken: {
      ok: broken.length === WAVES && grew && last(broken).posts === last(broken).userRows,
      observed: tr(
        `${table(broken).en}: the dead rows pile up, and the last broadcast made ${last(broken).posts - last(broken).open} wasted posts for ${last(broken).open} live player`,
        `${table(broken).ko}: 떠난 사람의 행이 쌓이고, 마지막 브로드캐스트는 살아 있는 플레이어 ${last(broken).open}명에게 보내느라 ${last(broken).posts - last(broken).open}번을 헛되이 보냈습니다`,
      ),
    },
    fixed: {
      ok:
        fixed.length === WAVES &&
        fixed.every((w) => w.userRows === w.open && w.posts === 1 + VISITORS_PER_WAVE),
      observed: tr(
        `${table(fixed).en}: each broadcast posts once more to the players who just left, gets 410 and deletes their rows; User matches the open connections`,
        `${table(fixed).ko}: 브로드캐스트마다 방금 떠난 플레이어에게 한 번 더 보내고, 410을 받으면 그 행을 지웁니다; User가 열린 연결과 일치합니다`,
      ),
    },
  };
};

function play(label: 'broken' | 'fixed'): VariantSpec<Wave[]> {
  return {
    label,
    // $disconnect is best effort on AWS. Leaving its route out makes every close one the function
    // never hears of, so the 410 is the only sign left that a player has gone.
    routes: ['$connect', '$default'],
    run: async (v) => {
      v.say(
        tr(
          '(no $disconnect route: the function never hears that a player left, as when $disconnect is missed)',
          '($disconnect 라우트 없음: $disconnect를 놓쳤을 때처럼, 함수는 플레이어가 떠난 것을 전혀 모릅니다)',
        ),
      );
      const host = await v.connect('철수');
      const waves: Wave[] = [];
      for (let wave = 1; wave <= WAVES; wave++) {
        v.say(
          tr(
            `wave ${wave}: ${VISITORS_PER_WAVE} visitors connect and leave again`,
            `${wave}회차: 방문자 ${VISITORS_PER_WAVE}명이 접속했다가 다시 나갑니다`,
          ),
        );
        for (let i = 1; i <= VISITORS_PER_WAVE; i++) await (await v.connect(`visitor ${wave}-${i}`)).close();
        await eventually(async () => openConnections(v) === 1);

        const text = `안녕 ${wave}`;
        const logged = postedLines(v).length;
        host.send({ username: '철수', content: text });
        const echoed = await host.waitFor((f) => isChat(f, text));
        // The log line is the handler's last act, so once it is there the deletes are done too.
        await eventually(async () => postedLines(v).length > logged);
        const posts = postedLines(v)[logged] ?? -1;
        const userRows = (await v.db.scanAll('User')).length;
        const open = openConnections(v);
        v.say(
          tr(
            `철수 chats "${text}"${echoed ? '' : ' (and does not even get it back)'}: the broadcast posted to ${posts} connections; User has ${rows(userRows)}; the gateway has ${open} open`,
            `철수가 "${text}"라고 채팅합니다${echoed ? '' : ' (자기 채팅도 돌아오지 않음)'}: 브로드캐스트가 연결 ${posts}개에 보냈습니다; User 행 ${userRows}개; 게이트웨이에 열린 연결 ${open}개`,
          ),
        );
        waves.push({ userRows, posts, open });
      }
      return waves;
    },
  };
}

function openConnections(v: Variant): number {
  return v.emulator.gateway.connections().filter((c) => c.state === 'open').length;
}

function postedLines(v: Variant): number[] {
  return v.logs().flatMap(({ message }) => {
    const n = /posted to (\d+) connections/.exec(message)?.[1];
    return n === undefined ? [] : [Number(n)];
  });
}

function table(waves: Wave[]): Text {
  return tr(
    waves.map((w, i) => `after wave ${i + 1}: ${rows(w.userRows)} in User, ${w.posts} posts`).join('; '),
    waves.map((w, i) => `${i + 1}회차 뒤: User 행 ${w.userRows}개, 보내기 ${w.posts}번`).join('; '),
  );
}

function rows(n: number): string {
  return n === 1 ? '1 row' : `${n} rows`;
}
