/**
 * Hostile input over real WebSockets to the whole app (serverless.yml on the emulator, DynamoDB
 * Local behind it). fast-check builds the frames: malformed JSON, wrong key case, wrong types,
 * deep nesting, long fields, NFD Hangul, control and bidi characters, DynamoDB-expression and
 * HTML/script strings. Every text frame must get exactly one answer back — the chat echo, the
 * game or joined frame, or a JSON `{"error":{code,message}}` — never "Internal server error" and
 * never silence; frames known to be invalid must get the error. Afterwards the Chat table holds
 * exactly the chats that were echoed, nothing else changed, and a normal round still plays.
 * Frames the gateway refuses (binary, invalid UTF-8, over 32 KB) close the socket as API Gateway
 * does, and the connection's row goes away.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { initialConsonants, isHangulWord } from '../../lambda/src/rules/consonants.ts';
import { normalizeInput } from '../../lambda/src/rules/input.ts';
import {
  type App,
  connect,
  isChat,
  isErrorFrame,
  isGame,
  isInternalError,
  playRound,
  startApp,
} from './app.ts';

/** Frames per run and runs: 2,000+ frames in all, sent one at a time on one connection per run. */
const FRAMES_PER_RUN = 24;
const LANES = 3;
const RUNS = Number(process.env.HOSTILE_RUNS ?? 84);

let app: App;
/** Consonant patterns of every question: generated text that could answer one is left out. */
const patterns = new Set<string>();

beforeAll(async () => {
  app = await startApp();
  for (const item of await app.scan('Words')) {
    if (typeof item.consonant === 'string') patterns.add(item.consonant);
  }
});

afterAll(async () => {
  await app?.stop();
});

// ---- what is sent -------------------------------------------------------------------------------

/** What the frame is, as far as the test knows it: `invalid` frames must get an error frame. */
interface Frame {
  text: string;
  expect: 'error' | 'any';
  /** The error code when the test knows it. */
  code?: string;
  why: string;
}

const CONTROL = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  '\u0085',
  '\u009b',
];
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const INVISIBLE = ['\u200b', '\ufeff', '\u00ad', '\u2060'];
const INJECTION = [
  '#x',
  ':v',
  '$',
  '${x}',
  '#room = :room',
  ':v = :v OR attribute_exists(#a)',
  'SET #answerCnt = :big',
  '{"S":"x"}',
  '{"N":"1e400"}',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE User; --",
  '__proto__',
  'constructor',
  '$request.body.action',
  '$disconnect',
  '{{7*7}}',
  '%s%n%x',
  '../../etc/passwd',
  'null',
];
const KOREAN = ['안녕하세요', '초성퀴즈', '철수', '영희', '반갑습니다', '한글', '워크숍', '퀴즈왕', '좋아요'];

/** Korean text, often decomposed (NFD) as macOS and some Android keyboards send it. */
const hangul = fc
  .tuple(
    fc.constantFrom(...KOREAN),
    fc.constantFrom('NFC', 'NFD', 'NFKD') as fc.Arbitrary<'NFC' | 'NFD' | 'NFKD'>,
  )
  .map(([word, form]) => word.normalize(form));
const injection = fc.constantFrom(...INJECTION);
/** Printable text the app must take as data: never an answer to any question in the bank. */
const safeText = fc
  .oneof(
    { weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 40 }) },
    { weight: 3, arbitrary: hangul },
    { weight: 3, arbitrary: injection },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }) },
  )
  .filter((s) => {
    const text = normalizeInput(s);
    return !(isHangulWord(text) && patterns.has(initialConsonants(text)));
  });
const hostileChar = fc.constantFrom(...CONTROL.filter((c) => c.trim() !== ''), ...BIDI);
/** Text with a control or bidi character inside (not at an end, where trimming could drop it). */
const taintedText = fc
  .tuple(fc.constantFrom(...KOREAN, 'abc'), hostileChar, fc.constantFrom(...KOREAN, 'xyz'))
  .map(([a, c, b]) => `${a}${c}${b}`);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

function nested(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object'
    ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
    : `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

const frames: fc.Arbitrary<Frame> = fc.oneof(
  // Malformed JSON: cut-off objects and arbitrary text.
  fc
    .tuple(fc.json(), fc.nat())
    .map(([json, cut]) => json.slice(0, cut % Math.max(1, json.length)))
    .filter((t) => !isJson(t) && t.trim() !== 'start!')
    .map((text): Frame => ({ text, expect: 'error', code: 'invalid-json', why: 'truncated JSON' })),
  fc
    .string({ maxLength: 200 })
    .filter((t) => !isJson(t) && t.trim() !== 'start!')
    .map((text): Frame => ({ text, expect: 'error', code: 'invalid-json', why: 'not JSON' })),
  // JSON that is not an object.
  fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer()), fc.boolean()).map(
    (v): Frame => ({
      text: JSON.stringify(v),
      expect: 'error',
      code: 'invalid-message',
      why: 'JSON, not an object',
    }),
  ),
  // The workshop's "Content" / "User" mistake.
  fc
    .record({
      key: fc.constantFrom('Username', 'USERNAME', 'Content', 'CONTENT', 'Action', 'Room', 'conTent'),
      value: safeText,
    })
    .map(
      ({ key, value }): Frame => ({
        text: JSON.stringify({ username: '철수', content: '안녕', [key]: value }),
        expect: 'error',
        code: 'wrong-key-case',
        why: `wrong key case ${key}`,
      }),
    ),
  // Wrong types where strings belong.
  fc.record({ field: fc.constantFrom('username', 'content', 'room'), value: wrongType }).map(
    ({ field, value }): Frame => ({
      text: JSON.stringify({ username: '철수', content: '안녕', [field]: value }),
      expect: 'error',
      code: 'invalid-message',
      why: `${field} of the wrong type`,
    }),
  ),
  // Deep nesting: alone (no content key) and inside an otherwise good chat (extra keys are allowed).
  fc
    .tuple(
      fc.integer({ min: 50, max: 5000 }),
      fc.constantFrom('object', 'array') as fc.Arbitrary<'object' | 'array'>,
    )
    .map(
      ([depth, kind]): Frame => ({
        text: nested(depth, kind),
        expect: 'error',
        why: `nesting ${depth} deep`,
      }),
    ),
  fc.tuple(fc.integer({ min: 50, max: 4000 }), safeText).map(
    ([depth, content]): Frame => ({
      text: `{"username":"깊이","content":${JSON.stringify(content)},"extra":${nested(depth, 'object')}}`,
      expect: 'any',
      why: `chat with an extra key nested ${depth} deep`,
    }),
  ),
  // Long fields, under the 32 KB frame limit.
  fc.integer({ min: 501, max: 10_000 }).map(
    (n): Frame => ({
      text: JSON.stringify({ username: '철수', content: '가'.repeat(n) }),
      expect: 'error',
      code: 'content-too-long',
      why: `content of ${n}`,
    }),
  ),
  fc.integer({ min: 33, max: 10_000 }).map(
    (n): Frame => ({
      text: JSON.stringify({ username: 'a'.repeat(n), content: '안녕' }),
      expect: 'error',
      code: 'invalid-message',
      why: `username of ${n}`,
    }),
  ),
  // Control and bidi characters in a name or a message.
  fc.record({ field: fc.constantFrom('username', 'content'), value: taintedText }).map(
    ({ field, value }): Frame => ({
      text: JSON.stringify({ username: '철수', content: '안녕', [field]: value }),
      expect: 'error',
      code: 'invalid-message',
      why: `control/bidi character in ${field}`,
    }),
  ),
  fc.constantFrom(...INVISIBLE, ...BIDI).map(
    (c): Frame => ({
      text: JSON.stringify({ username: c, content: '안녕' }),
      expect: 'error',
      code: 'invalid-message',
      why: 'invisible username',
    }),
  ),
  // Text the app must treat as data: injection strings, NFD Hangul, arbitrary Unicode.
  fc
    .record({ username: safeText, content: safeText })
    .map((m): Frame => ({ text: JSON.stringify(m), expect: 'any', why: 'chat with arbitrary text' })),
  fc
    .record({
      action: fc.constantFrom('join', 'chat'),
      username: safeText,
      content: safeText,
      room: fc.oneof(injection, hangul, fc.constant('fuzz-room')),
    })
    .map((m): Frame => ({ text: JSON.stringify(m), expect: 'any', why: `${m.action} with arbitrary text` })),
  fc
    .record({
      action: fc.oneof(injection, fc.string({ maxLength: 10 })).filter((a) => a !== 'join' && a !== 'chat'),
      username: safeText,
      content: safeText,
    })
    .map(
      (m): Frame => ({
        text: JSON.stringify(m),
        expect: 'error',
        code: 'unknown-action',
        why: 'unknown action',
      }),
    ),
  fc
    .constantFrom(' start! ', 'start!', '\tstart!\n')
    .map((text): Frame => ({ text, expect: 'any', why: 'the 2019 greeting' })),
);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// ---- the property -------------------------------------------------------------------------------

interface Echo {
  room: string;
  username: string;
  content: string;
}
const echoed: Echo[] = [];
let framesSent = 0;

/** The one frame the app sends back to `frame`, or a failure describing what came instead. */
async function answerTo(socket: WebSocket, frame: Frame, lane: number): Promise<unknown> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      cleanup();
      fail(new Error(`no answer within 15 s to ${frame.why}: ${JSON.stringify(frame.text.slice(0, 200))}`));
    }, 15_000);
    const onMessage = (data: WebSocket.RawData) => {
      cleanup();
      try {
        ok(JSON.parse(String(data)));
      } catch {
        ok(String(data));
      }
    };
    const onClose = (code: number) => {
      cleanup();
      fail(
        new Error(
          `socket closed with ${code} after ${frame.why}: ${JSON.stringify(frame.text.slice(0, 200))}`,
        ),
      );
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('close', onClose);
    };
    socket.on('message', onMessage);
    socket.on('close', onClose);
    socket.send(frame.text.replace('"room":"', `"room":"L${lane}-`));
    framesSent++;
  });
}

/** What must hold of the answer to one frame. */
function check(frame: Frame, answer: unknown): void {
  expect(isInternalError(answer), `${frame.why} crashed the handler`).toBe(false);
  if (frame.expect === 'error') {
    expect(isErrorFrame(answer), `${frame.why} must be answered with an error frame`).toBe(true);
    if (frame.code) expect((answer as { error: { code: string } }).error.code, frame.why).toBe(frame.code);
    return;
  }
  const kind = isErrorFrame(answer)
    ? 'error'
    : isChat(answer)
      ? 'chat'
      : isGame(answer)
        ? 'game'
        : (answer as { type?: unknown })?.type === 'joined'
          ? 'joined'
          : 'unknown';
  expect(kind, `${frame.why}: unexpected answer ${JSON.stringify(answer).slice(0, 200)}`).not.toBe('unknown');
  if (isChat(answer)) {
    const sent = JSON.parse(frame.text) as { content: string };
    // What is echoed (and stored) is what was typed, normalised, never reinterpreted.
    expect(answer.content).toBe(normalizeInput(sent.content));
    echoed.push({
      room: String((answer as { room?: unknown }).room),
      username: answer.username,
      content: answer.content,
    });
  }
}

describe('hostile frames from real WebSocket clients', () => {
  it(`every frame of ${RUNS * FRAMES_PER_RUN} gets one clear answer; state holds exactly what was accepted`, {
    timeout: 240_000,
  }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(frames, { minLength: FRAMES_PER_RUN, maxLength: FRAMES_PER_RUN }),
        async (batch) => {
          run++;
          // Lanes run side by side, each on its own connection and in rooms of its own, so every
          // answer a lane receives was caused by its own frame.
          await Promise.all(
            Array.from({ length: LANES }, async (_, lane) => {
              const client = await connect(`${app.ws}?room=fuzz-${run}-${lane}`);
              try {
                for (const frame of batch.filter((_, i) => i % LANES === lane)) {
                  await check(
                    { ...frame, text: frame.text.replace('"room":"', `"room":"L${lane}-`) },
                    await answerTo(client.socket, frame, lane),
                  );
                }
                // Nothing extra is still on its way: the next frame after the last answer is the
                // answer to a plain greeting.
                const last = await answerTo(
                  client.socket,
                  { text: 'start!', expect: 'any', why: 'the closing greeting' },
                  lane,
                );
                expect(isGame(last), `unsolicited frame ${JSON.stringify(last).slice(0, 200)}`).toBe(true);
              } finally {
                client.close();
              }
            }),
          );
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(framesSent).toBeGreaterThanOrEqual(RUNS * FRAMES_PER_RUN);

    // No handler failed: the emulator reports every failed integration as one "error" line.
    expect(app.lines.filter((l) => l.startsWith('error'))).toEqual([]);

    // The Chat table holds exactly the echoed chats: none lost, none doubled, nothing else.
    const key = (e: Echo) => JSON.stringify([e.room, e.username, e.content]);
    const rows = (await app.scan('Chat')).map((r) =>
      key({ room: String(r.room), username: String(r.username), content: String(r.content) }),
    );
    expect(rows.sort()).toEqual(echoed.map(key).sort());

    // Injection strings changed no game and no score: every game is still on its first question.
    for (const game of await app.scan('Game')) {
      expect(game.round, `game of room ${String(game.room)}`).toBe(0);
      expect(game.answered).toBeUndefined();
    }
    // Every fuzzing connection is closed, and its row is gone.
    await expect
      .poll(async () => (await app.scan('User')).length, {
        timeout: 20_000,
        interval: 100,
        message: 'the User table to empty',
      })
      .toBe(0);

    // A normal round still plays.
    const { before, after } = await playRound(app);
    expect(after.nowWordIdx).not.toBe(before.nowWordIdx);
  });
});

describe('hostile query strings on the handshake', () => {
  /** The HTTP status and body a handshake got: 101 when it opened. */
  function handshake(query: string): Promise<{ status: number; body: string }> {
    return new Promise((ok, fail) => {
      const ws = new WebSocket(`${app.ws}?${query}`);
      ws.once('open', () => {
        ws.close();
        ok({ status: 101, body: '' });
      });
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString('utf8');
        });
        res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
      });
      ws.once('error', (error) => {
        if (!String(error.message).includes('Unexpected server response')) fail(error);
      });
    });
  }

  it('$connect refuses bad rooms and names with 400 and a reason, and stores nothing for them', async () => {
    const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
    // Earlier players' rows go asynchronously ($disconnect); start from an empty table.
    await expect
      .poll(async () => (await app.scan('User')).length, {
        timeout: 20_000,
        interval: 100,
        message: 'an empty User table',
      })
      .toBe(0);
    for (const query of [
      q({ room: '#room = :room' }),
      q({ room: '<script>' }),
      q({ room: 'x'.repeat(33) }),
      q({ room: 'ok', username: '\u202e관리자' }),
      q({ room: 'ok', username: '\u200b' }),
      q({ room: 'ok', username: '가'.repeat(33) }),
    ]) {
      const answer = await handshake(query);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toMatch(/room must be|username must/);
    }
    expect(await app.scan('User')).toEqual([]);
    // Decomposed Hangul is a name like any other.
    expect(
      (await handshake(q({ room: '방'.normalize('NFD'), username: '철수'.normalize('NFD') }))).status,
    ).toBe(101);
  });
});

describe('frames the gateway refuses', () => {
  async function rowsOf(connections: number): Promise<void> {
    await expect
      .poll(async () => (await app.scan('User')).length, {
        timeout: 20_000,
        interval: 100,
        message: `${connections} User rows`,
      })
      .toBe(connections);
  }

  it('a binary frame closes with 1003, invalid UTF-8 with 1007; the rows go and the app still plays', async () => {
    await rowsOf(0);
    const binary = await connect(app.ws);
    const badUtf8 = await connect(app.ws);
    await rowsOf(2);
    binary.socket.send(Buffer.from(JSON.stringify({ username: '철수', content: '안녕' })), { binary: true });
    badUtf8.socket.send(Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
    expect(await binary.closeCodeWithin(10_000)).toBe(1003);
    expect(await badUtf8.closeCodeWithin(10_000)).toBe(1007);
    await rowsOf(0);
    const { after } = await playRound(app, '바이너리');
    expect(after.round).toBeGreaterThan(0);
  });

  it('100 KB: one frame closes with 1009; the same in 25 KB fragments reaches the app and is refused as too long', async () => {
    const big = JSON.stringify({ username: '철수', content: 'x'.repeat(100 * 1024) });
    const whole = await connect(app.ws);
    whole.socket.send(big);
    expect(await whole.closeCodeWithin(10_000)).toBe(1009);

    const fragmented = await connect(app.ws);
    const bytes = Buffer.from(big);
    const step = 25 * 1024;
    for (let offset = 0; offset < bytes.length; offset += step) {
      fragmented.socket.send(bytes.subarray(offset, offset + step), {
        binary: false,
        fin: offset + step >= bytes.length,
      });
    }
    const error = await fragmented.waitFor(isErrorFrame, 'the error frame');
    expect(error.error.code).toBe('content-too-long');
    fragmented.close();

    const tooMuch = await connect(app.ws);
    const huge = Buffer.from(JSON.stringify({ username: '철수', content: 'x'.repeat(140 * 1024) }));
    for (let offset = 0; offset < huge.length; offset += step) {
      tooMuch.socket.send(huge.subarray(offset, offset + step), {
        binary: false,
        fin: offset + step >= huge.length,
      });
    }
    expect(await tooMuch.closeCodeWithin(10_000)).toBe(1009);
    await rowsOf(0);
    expect(app.lines.filter((l) => l.startsWith('error'))).toEqual([]);
    const chats = await app.scan('Chat');
    expect(chats.filter((c) => String(c.content).length > 500)).toEqual([]);
  });
});
