/**
 * Runs the variants of a pitfall (broken, fixed, …), each on an emulator of its own. The
 * emulators start side by side, because a JVM start is most of a demo's time; the variants then
 * run one after the other so the narration reads in order, and each emulator stops as soon as its
 * variant is done. Everything is torn down in `finally` (clients, the admin connection, the
 * emulators and their log folders), so a demo that fails half-way leaves no JVM, frozen instance
 * or socket behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { PolicyDocument, Stack } from '../../../emulator/stack.ts';
import { type RunningEmulator, startEmulator } from '../../../emulator/start.ts';
import { type Lang, type Msg, pick, tr } from '../../runner/i18n.ts';
import { type AdminDb, adminDb } from '../../shared/admin-db.ts';
import { eventually } from '../../shared/emulator.ts';
import { FUNCTION_NAME, type WorkshopStackOptions, workshopStack } from '../../shared/workshop-stack.ts';
import { connectClient, isGameState, type TestClient } from '../../shared/ws-client.ts';
import { type DemoContext, DemoError } from '../types.ts';

export { eventually, FUNCTION_NAME };

export interface Variant {
  /** Narration prefixed with the variant's label, so the room knows which run is talking. */
  say(line: Msg): void;
  emulator: RunningEmulator;
  /** An administrator's view of the tables, as the DynamoDB console would show them. */
  db: AdminDb;
  /** Opens a WebSocket as a player would (closed for you when the variant ends). */
  connect(name: string): Promise<TestClient>;
  /**
   * The function's log group, oldest first, as `npm run logs --since` shows it (epoch ms); each
   * stream is one instance, each message keeps Lambda's `<time>\t<request id>\t<level>\t` prefix.
   */
  logs(since?: number): Array<{ stream: string; message: string }>;
  /** The messages without that prefix; Lambda's own START, END and REPORT lines stay whole. */
  logLines(): string[];
  /** The lines the function itself wrote: `logLines()` without START, END and REPORT. */
  ownLines(): string[];
  /** Waits until `count` invocations have ended (their REPORT lines); false on timeout. */
  invocationsEnded(count: number, timeoutMs?: number): Promise<boolean>;
}

export interface VariantSpec<T> {
  /** `broken`, `fixed`, or whatever tells the room which run this is. */
  label: string;
  /** The handler, a file in the pitfall's folder: `<label>.ts` unless named here. */
  entry?: string;
  routes?: WorkshopStackOptions['routes'];
  /** The role's policy; the workshop's unless given. */
  policy?: PolicyDocument;
  seed?: Stack['seed'];
  /** The function's timeout: the workshop's 30 s unless given; `null` leaves Lambda's default. */
  timeoutSeconds?: number | null;
  /** A cap on warm instances, for demos that need a known number of them. */
  maxInstancesPerFunction?: number;
  /** The function's runtime and layers, for demos about them (nodejs24.x and none otherwise). */
  runtime?: string;
  layers?: string[];
  /** What stands in for the Python runtime's bundled boto3 (python-old-boto3). */
  pythonSdkDir?: string;
  run(variant: Variant): Promise<T>;
}

const PITFALLS_DIR = join(import.meta.dirname, '..');

/** Runs `specs` in order, each on its own emulator, and returns what each run returned. */
export async function runVariants<T>(
  ctx: DemoContext,
  pitfall: string,
  specs: VariantSpec<T>[],
): Promise<T[]> {
  if (wouldUseExternalEngine(ctx)) {
    // Every variant reads User/Chat/Game as it left them; a shared database would mix the runs
    // (and fill someone's real tables with demo rows).
    throw new DemoError(
      tr(
        'pitfall demos need empty tables of their own, so they run on DynamoDB Local or dynalite, not an external endpoint: unset DYNAMODB_ENDPOINT / DYNAMODB_ENGINE=external.',
        '함정 데모는 저마다 빈 테이블이 필요해서, 외부 엔드포인트가 아니라 DynamoDB Local이나 dynalite에서 돌아갑니다: DYNAMODB_ENDPOINT / DYNAMODB_ENGINE=external 설정을 지우세요.',
      ),
    );
  }
  const sayer = (label: string) => (line: Msg) =>
    ctx.log(tr(`[${label}] ${pick(line, 'en')}`, `[${label}] ${pick(line, 'ko')}`));
  const logsDirs: string[] = [];
  const entries = specs.map((spec) => join(PITFALLS_DIR, pitfall, spec.entry ?? `${spec.label}.ts`));
  // One line for all: the emulators start side by side, before any variant's own section.
  const codes = [...new Set(entries.map((entry) => relative(PITFALLS_DIR, entry)))].join(', ');
  ctx.log(
    tr(
      `starting ${specs.length} emulators side by side, ${FUNCTION_NAME} running ${codes}…`,
      `에뮬레이터 ${specs.length}개를 함께 시작합니다. ${FUNCTION_NAME} 함수의 코드: ${codes}…`,
    ),
  );
  const starts = await Promise.allSettled(
    specs.map((spec, i) => {
      const name = `pitfall-${pitfall}-${spec.label.replace(/\W+/g, '-')}`;
      const entry = entries[i] as string;
      // Each run keeps its logs apart, so an old run's lines cannot make a check pass.
      const logsDir = mkdtempSync(join(tmpdir(), `${name}-logs-`));
      logsDirs.push(logsDir);
      const stack = workshopStack({
        name,
        entry,
        routes: spec.routes ?? ['$connect', '$disconnect', '$default'],
        ...(spec.policy ? { policy: spec.policy } : {}),
        ...(spec.seed ? { seed: spec.seed } : {}),
        ...(spec.runtime ? { runtime: spec.runtime } : {}),
        ...(spec.layers ? { layers: spec.layers } : {}),
        ...(spec.timeoutSeconds !== undefined ? { timeoutSeconds: spec.timeoutSeconds } : {}),
      });
      return startEmulator(stack, {
        host: '127.0.0.1',
        wsPort: 0,
        dynamodbPort: 0,
        webPort: null,
        logsDir,
        ...(ctx.engine ? { engine: ctx.engine } : {}),
        ...(spec.maxInstancesPerFunction ? { maxInstancesPerFunction: spec.maxInstancesPerFunction } : {}),
        ...(spec.pythonSdkDir ? { pythonSdkDir: spec.pythonSdkDir } : {}),
      });
    }),
  );
  const emulators = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const kept = new Set<number>();
  try {
    const failed = starts.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const results: T[] = [];
    for (const [i, spec] of specs.entries()) {
      ctx.section?.(i, spec.label);
      if (i > 0) await ctx.pause?.(spec.label);
      const emulator = emulators[i] as RunningEmulator;
      results.push(await runOne(emulator, sayer(spec.label), spec, Boolean(ctx.keep)));
      if (ctx.keep) {
        const logsDir = logsDirs[i] ?? '';
        kept.add(i);
        ctx.keep({
          label: spec.label,
          urls: { ...emulator.urls },
          logsDir,
          stop: async () => {
            await emulator.stop();
            rmSync(logsDir, { recursive: true, force: true });
          },
        });
      }
    }
    return results;
  } finally {
    // Stopping twice is harmless: the ones that ran are stopped already. Kept ones stay up.
    await Promise.all(emulators.filter((_, i) => !kept.has(i)).map((emulator) => emulator.stop()));
    for (const [i, dir] of logsDirs.entries())
      if (!kept.has(i)) rmSync(dir, { recursive: true, force: true });
  }
}

/** The usual pair: the broken variant, then the fixed one. */
export async function brokenThenFixed<T>(
  ctx: DemoContext,
  pitfall: string,
  broken: VariantSpec<T>,
  fixed: VariantSpec<T>,
): Promise<{ broken: T; fixed: T }> {
  const [seenBroken, seenFixed] = (await runVariants(ctx, pitfall, [broken, fixed])) as [T, T];
  return { broken: seenBroken, fixed: seenFixed };
}

function wouldUseExternalEngine(ctx: DemoContext): boolean {
  if (ctx.engine) return ctx.engine === 'external';
  const fromEnv = process.env.DYNAMODB_ENGINE;
  return fromEnv === 'external' || (!fromEnv && Boolean(process.env.DYNAMODB_ENDPOINT));
}

async function runOne<T>(
  emulator: RunningEmulator,
  say: (line: Msg) => void,
  spec: VariantSpec<T>,
  keep: boolean,
): Promise<T> {
  const db = adminDb(emulator.urls.dynamodb);
  const clients: TestClient[] = [];
  const logs = (since?: number) =>
    emulator.logs
      .events({ group: `/aws/lambda/${FUNCTION_NAME}`, ...(since === undefined ? {} : { since }) })
      .map(({ stream, message }) => ({ stream, message }));
  const logLines = () => logs().map(({ message }) => withoutPrefix(message));
  try {
    return await spec.run({
      say,
      emulator,
      db,
      connect: async (name) => {
        const client = await connectClient(emulator.urls.ws, name);
        clients.push(client);
        return client;
      },
      logs,
      logLines,
      ownLines: () => logLines().filter((line) => !PLATFORM_LINE.test(line)),
      invocationsEnded: (count, timeoutMs = 5000) =>
        eventually(
          async () => logLines().filter((line) => line.startsWith('REPORT')).length >= count,
          timeoutMs,
        ),
    });
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    db.close();
    if (!keep) await emulator.stop();
  }
}

const PLATFORM_LINE = /^(START|END|REPORT) RequestId: /;

/** `<ISO>\t<requestId>\tINFO\t<message>` → `<message>`; Lambda's own lines (START, REPORT) stay whole. */
function withoutPrefix(message: string): string {
  return message.match(/^\d{4}-\d\d-\d\dT[^\t]*\t[^\t]*\t[A-Z]+\t([\s\S]*)$/)?.[1] ?? message;
}

/**
 * Every client sends at once (`message` says what) and a broadcast answers each message with the
 * game state; resolves when each client has all of them, false if they have not come in time.
 */
export async function allAtOnce(
  clients: TestClient[],
  message: (client: TestClient) => string | object,
  timeoutMs = 5000,
): Promise<boolean> {
  const states = (client: TestClient) => client.received.filter((frame) => isGameState(frame)).length;
  const before = clients.map(states);
  for (const client of clients) client.send(message(client));
  return eventually(
    async () => clients.every((client, i) => states(client) >= (before[i] ?? 0) + clients.length),
    timeoutMs,
  );
}

/** Lets frames that are already on their way arrive before a demo says "nothing came". */
export function settle(ms = 500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Log lines worth reading aloud, at most `max`, joined on one line; never cut, so ARNs stay whole.
 * The lines are quoted as they are; `lang` only words "(nothing)" when there are none.
 */
export function quote(lines: string[], max = 3, lang: Lang = 'en'): string {
  const shown = lines.slice(0, max).map((line) => line.replace(/\s+/g, ' ').trim());
  if (shown.length === 0) return pick(tr('(nothing)', '(없음)'), lang);
  return shown.join(' | ') + (lines.length > max ? ' | …' : '');
}
