/**
 * wrong-case: two players connect (the table-name slip shows in the log and the User table),
 * then 철수 sends one chat with "Content" and one with "content" (the key slip shows in what
 * is saved and what anyone is told).
 */

import { tr, withParticle } from '../../runner/i18n.ts';
import { isChat } from '../../shared/ws-client.ts';
import { brokenThenFixed, quote, settle, type Variant, type VariantSpec } from '../kit/variant.ts';
import type { Demo, Observation } from '../types.ts';

const WRONG_KEY = { username: '철수', Content: '반가워요' };
const RIGHT_KEY = { username: '철수', content: '안녕하세요' };

export const demo: Demo = async (ctx) => {
  ctx.log(
    tr(
      'broken.ts writes to table "user" and ignores any message without exactly "username" and "content".',
      'broken.ts는 "user" 테이블에 쓰고, 정확히 "username"과 "content"가 없는 메시지는 무시합니다.',
    ),
  );
  ctx.log(
    tr(
      'fixed.ts takes table names from names.ts and answers a malformed message with an error.',
      'fixed.ts는 테이블 이름을 names.ts에서 가져오고, 형식이 틀린 메시지에는 오류로 답합니다.',
    ),
  );
  return brokenThenFixed(
    ctx,
    'wrong-case',
    variant('broken', (seen) => {
      const notFound = seen.errors.filter((l) => /'user'.*ResourceNotFoundException/.test(l));
      return {
        ok:
          notFound.length > 0 &&
          seen.users === 0 &&
          seen.savedRight &&
          !seen.savedWrong &&
          seen.errorFrames.length === 0,
        observed: tr(
          `the log says ${quote(notFound, 1)} and User stays empty; ` +
            `the "Content" chat left no trace (no Chat row, no reply, no log line) while the "content" one was saved`,
          `User는 비어 있고, 로그에는 ${quote(notFound, 1, 'ko')}; ` +
            `"Content"로 보낸 채팅은 흔적이 없고 (Chat 행도, 답도, 로그 줄도 없음) "content"로 보낸 것은 저장되었습니다`,
        ),
      };
    }),
    variant('fixed', (seen) => {
      const named = seen.errorFrames.filter((m) => m.includes('"content"') && m.includes('Content'));
      return {
        ok: seen.errors.length === 0 && seen.users === 2 && named.length === 1 && seen.seenByYounghee,
        observed: tr(
          `User holds ${seen.users} rows and the log has no error; 철수 was told: ${quote(named, 1)}; ` +
            `영희 ${seen.seenByYounghee ? 'saw' : 'did NOT see'} "${RIGHT_KEY.content}"`,
          `User에 행 ${seen.users}개, 로그에 오류 없음; 철수가 들은 답: ${quote(named, 1, 'ko')}; ` +
            `영희는 ${withParticle(`"${RIGHT_KEY.content}"`, '을/를')} ${seen.seenByYounghee ? '받았습니다' : '받지 못했습니다'}`,
        ),
      };
    }),
  );
};

interface Seen {
  users: number;
  errors: string[];
  savedWrong: boolean;
  savedRight: boolean;
  /** `error.message` of each error frame 철수 got back. */
  errorFrames: string[];
  seenByYounghee: boolean;
}

function variant(label: 'broken' | 'fixed', judge: (seen: Seen) => Observation): VariantSpec<Observation> {
  return { label, run: async (v) => judge(await play(v)) };
}

async function play(v: Variant): Promise<Seen> {
  const chulsoo = await v.connect('철수');
  const younghee = await v.connect('영희');
  const users = (await v.db.scanAll('User')).length;
  v.say(
    tr(
      `철수 and 영희 connected; the User table holds ${users} row(s)`,
      `철수와 영희가 접속했습니다; User 테이블의 행은 ${users}개`,
    ),
  );
  chulsoo.send(WRONG_KEY);
  chulsoo.send(RIGHT_KEY);
  v.say(
    tr(
      `철수 sends ${JSON.stringify(WRONG_KEY)}, then ${JSON.stringify(RIGHT_KEY)}`,
      `철수가 ${withParticle(JSON.stringify(WRONG_KEY), '을/를')} 보내고, 이어서 ${withParticle(JSON.stringify(RIGHT_KEY), '을/를')} 보냅니다`,
    ),
  );
  await v.invocationsEnded(4);
  await settle(300);
  const chat = await v.db.scanAll('Chat');
  const errors = v.ownLines().filter((line) => /Exception|Unable|\berror\b/i.test(line));
  const errorFrames = chulsoo.received.flatMap((f) => {
    const message = (f as { error?: { message?: unknown } } | null)?.error?.message;
    return typeof message === 'string' ? [message] : [];
  });
  const saved = chat.map((row) => `${row.username}: ${row.content}`);
  const back = chulsoo.received.map((f) => JSON.stringify(f));
  const got = younghee.received.map((f) => JSON.stringify(f));
  v.say(tr(`the function's log: ${quote(errors, 2)}`, `함수의 로그: ${quote(errors, 2, 'ko')}`));
  v.say(tr(`Chat holds: ${quote(saved)}`, `Chat에 든 것: ${quote(saved, 3, 'ko')}`));
  v.say(tr(`철수 got back: ${quote(back, 3)}`, `철수에게 돌아온 것: ${quote(back, 3, 'ko')}`));
  v.say(tr(`영희 got: ${quote(got, 3)}`, `영희가 받은 것: ${quote(got, 3, 'ko')}`));
  if (users === 0)
    v.say(
      tr(
        '(User is empty, so the broadcast finds nobody: even the saved chat reaches no one)',
        '(User가 비어 있어서 브로드캐스트할 상대가 없습니다: 저장된 채팅조차 아무에게도 가지 않습니다)',
      ),
    );
  return {
    users,
    errors,
    savedWrong: chat.some((row) => row.content === WRONG_KEY.Content),
    savedRight: chat.some((row) => row.content === RIGHT_KEY.content),
    errorFrames,
    seenByYounghee: younghee.received.some((f) => isChat(f, RIGHT_KEY.content)),
  };
}
