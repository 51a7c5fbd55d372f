/**
 * 철수 stays in the room while visitors come and go in waves; after each wave he chats. The demo
 * counts, as an administrator would, the rows in User, the posts the broadcast made (from the
 * function's log) and the connections the gateway still has open.
 */
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
      observed: `${table(broken)}: the dead rows pile up, and the last broadcast made ${last(broken).posts - last(broken).open} wasted posts for ${last(broken).open} live player`,
    },
    fixed: {
      ok:
        fixed.length === WAVES &&
        fixed.every((w) => w.userRows === w.open && w.posts === 1 + VISITORS_PER_WAVE),
      observed: `${table(fixed)}: each broadcast posts once more to the players who just left, gets 410 and deletes their rows; User matches the open connections`,
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
        '(no $disconnect route: the function never hears that a player left, as when $disconnect is missed)',
      );
      const host = await v.connect('철수');
      const waves: Wave[] = [];
      for (let wave = 1; wave <= WAVES; wave++) {
        v.say(`wave ${wave}: ${VISITORS_PER_WAVE} visitors connect and leave again`);
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
          `철수 chats "${text}"${echoed ? '' : ' (and does not even get it back)'}: the broadcast posted to ${posts} connections; User has ${rows(userRows)}; the gateway has ${open} open`,
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

function table(waves: Wave[]): string {
  return waves.map((w, i) => `after wave ${i + 1}: ${rows(w.userRows)} in User, ${w.posts} posts`).join('; ');
}

function rows(n: number): string {
  return n === 1 ? '1 row' : `${n} rows`;
}
