/**
 * Runs the variants of a pitfall demo (broken, fixed, …), each on an emulator of its own. The
 * emulators start side by side because a JVM start is most of a demo's time; the variants then
 * run one after the other so the narration reads in order. Everything is torn down in `finally`,
 * so a demo that fails half-way leaves no JVM, frozen instance or socket behind.
 */
import type { Stack } from '../../emulator/stack.ts';
import { type AdminDb, adminDb } from '../shared/admin-db.ts';
import { eventually, type LessonEmulator, startLessonEmulator } from '../shared/emulator.ts';
import { FUNCTION_NAME } from '../shared/workshop-stack.ts';
import { connectClient, type TestClient } from '../shared/ws-client.ts';
import type { DemoContext, DemoReport, Observation } from './types.ts';

export interface Variant {
  emulator: LessonEmulator;
  /** Narration prefixed with the variant's label. */
  log(line: string): void;
  /** Administrator access to the tables: what the learner sees in the DynamoDB console. */
  db: AdminDb;
  /** A real WebSocket client, closed when the variant ends. */
  connect(name: string): Promise<TestClient>;
  /** The messages of `/aws/lambda/<function>`, without Lambda's timestamp/request-id prefix. */
  logLines(): Promise<string[]>;
  /** The lines the function itself wrote: `logLines()` without Lambda's START, END and REPORT. */
  ownLines(): Promise<string[]>;
  /** Waits until `count` invocations have ended (their REPORT lines); false on timeout. */
  invocationsEnded(count: number, timeoutMs?: number): Promise<boolean>;
}

export interface VariantSpec {
  /** `broken`, `fixed`, or whatever tells the room which one this is. */
  label: string;
  stack: Stack;
  run(variant: Variant): Promise<Observation>;
}

export async function runVariants(ctx: DemoContext, specs: VariantSpec[]): Promise<Observation[]> {
  if (wouldUseExternalEngine(ctx)) {
    // Every variant reads User/Chat/Game as it left them; a shared database would mix the runs
    // (and fill someone's real tables with demo rows).
    throw new Error(
      'pitfall demos need empty tables of their own, so they run on DynamoDB Local or dynalite, not an external endpoint: unset DYNAMODB_ENDPOINT / DYNAMODB_ENGINE=external.',
    );
  }
  const labelled = (label: string) => (line: string) => ctx.log(`[${label}] ${line}`);
  const starts = await Promise.allSettled(
    specs.map((spec) =>
      startLessonEmulator(spec.stack, {
        log: labelled(spec.label),
        ...(ctx.engine ? { engine: ctx.engine } : {}),
      }),
    ),
  );
  const emulators = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    const failed = starts.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const observations: Observation[] = [];
    for (const [i, spec] of specs.entries()) {
      observations.push(await runOne(emulators[i] as LessonEmulator, labelled(spec.label), spec));
    }
    return observations;
  } finally {
    await Promise.all(emulators.map((emulator) => emulator.stop()));
  }
}

function wouldUseExternalEngine(ctx: DemoContext): boolean {
  if (ctx.engine) return ctx.engine === 'external';
  const fromEnv = process.env.DYNAMODB_ENGINE;
  return fromEnv === 'external' || (!fromEnv && Boolean(process.env.DYNAMODB_ENDPOINT));
}

/** The usual pair, shaped as the report wants it. */
export async function brokenThenFixed(
  ctx: DemoContext,
  broken: VariantSpec,
  fixed: VariantSpec,
): Promise<DemoReport> {
  const [seenBroken, seenFixed] = await runVariants(ctx, [broken, fixed]);
  if (!seenBroken || !seenFixed) throw new Error('a variant ended without an observation');
  return { broken: seenBroken, fixed: seenFixed };
}

async function runOne(
  emulator: LessonEmulator,
  log: (line: string) => void,
  spec: VariantSpec,
): Promise<Observation> {
  const db = adminDb(emulator.urls.dynamodb);
  const clients: TestClient[] = [];
  const logLines = async () => readable(await emulator.logMessages(FUNCTION_NAME));
  try {
    return await spec.run({
      emulator,
      log,
      db,
      connect: async (name) => {
        const client = await connectClient(emulator.urls.ws, name);
        clients.push(client);
        return client;
      },
      logLines,
      ownLines: async () => (await logLines()).filter((line) => !PLATFORM_LINE.test(line)),
      invocationsEnded: (count, timeoutMs = 5000) =>
        eventually(
          async () => (await logLines()).filter((line) => line.startsWith('REPORT')).length >= count,
          timeoutMs,
        ),
    });
  } finally {
    await Promise.all(clients.map((client) => client.close()));
    db.close();
  }
}

const PLATFORM_LINE = /^(START|END|REPORT) RequestId: /;

/** Lets frames that are already on their way arrive before a demo says "nothing came". */
export function settle(ms = 500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `<ISO>\t<requestId>\tINFO\t<message>` → `<message>`; Lambda's own lines (START, REPORT) stay whole. */
function readable(messages: string[]): string[] {
  return messages.map((m) => m.match(/^\d{4}-\d\d-\d\dT[^\t]*\t[^\t]*\t[A-Z]+\t([\s\S]*)$/)?.[1] ?? m);
}

/** Log lines worth reading aloud, at most `max`, joined on one line. */
export function quote(lines: string[], max = 3, width = 240): string {
  const shown = lines.slice(0, max).map((line) => {
    const flat = line.replace(/\s+/g, ' ').trim();
    return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
  });
  return shown.length === 0 ? '(nothing)' : shown.join(' | ') + (lines.length > max ? ' | …' : '');
}
