/**
 * Code changes and broken code. On AWS a deployment replaces the code: new execution
 * environments run it, old ones are retired (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html).
 * The host does the same when a watched source file changes.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InvokeOutcome } from '../../../emulator/contracts.ts';
import { type Harness, isAlive, scratchDir, startHost } from './harness.ts';

let h: Harness;
let src: string;

const HANDLER = `import { version } from './version.ts';
let invocations = 0;
export const handler = async (event: { holdMs?: number }) => {
  invocations += 1;
  if (event.holdMs) await new Promise((resolve) => setTimeout(resolve, event.holdMs));
  return { version, invocations, pid: process.pid };
};
`;

const setVersion = (v: number) =>
  writeFileSync(path.join(src, 'version.ts'), `export const version = ${v};\n`);

beforeAll(async () => {
  src = scratchDir('src');
  writeFileSync(path.join(src, 'reloading.ts'), HANDLER);
  setVersion(1);
  writeFileSync(
    path.join(src, 'broken.ts'),
    'export const handler = async () => {\n  return { ok: true ;\n};\n',
  );
  writeFileSync(
    path.join(src, 'missing-import.ts'),
    "import { words } from 'hangul-word-bank';\nexport const handler = async () => words;\n",
  );
  h = await startHost(
    [
      { name: 'reloading', entry: path.join(src, 'reloading.ts'), timeoutSeconds: 10 },
      { name: 'broken', entry: path.join(src, 'broken.ts') },
      { name: 'missingImport', entry: path.join(src, 'missing-import.ts') },
    ],
    { watch: true },
  );
});

afterAll(async () => {
  await h?.close();
  rmSync(src, { recursive: true, force: true });
});

type Seen = { version: number; invocations: number; pid: number };
function seen(outcome: InvokeOutcome): Seen {
  if (!outcome.ok) throw new Error(`${outcome.errorType}: ${outcome.errorMessage}`);
  return outcome.payload as Seen;
}

/** Invokes until the new code answers (the rebuild is asynchronous). */
function untilVersion(version: number): Promise<Seen> {
  return vi.waitFor(
    async () => {
      const result = seen(await h.host.invoke('reloading', {}));
      expect(result.version).toBe(version);
      return result;
    },
    { timeout: 10_000 },
  );
}

describe('reload on change', () => {
  it('runs new code on new instances, kills idle old ones, and retires busy ones after their invocation', async () => {
    const first = seen(await h.host.invoke('reloading', {}));
    expect(first).toMatchObject({ version: 1, invocations: 1 });

    // An imported file changes, not the entry: the whole bundle's inputs are watched.
    setVersion(2);
    const second = await untilVersion(2);
    expect(second).toMatchObject({ version: 2, invocations: 1 });
    expect(second.pid).not.toBe(first.pid);
    await expect.poll(() => isAlive(first.pid), { timeout: 5_000 }).toBe(false);

    const busy = h.host.invoke('reloading', { holdMs: 3_000 });
    await expect.poll(() => h.host.stats('reloading').busy, { timeout: 5_000 }).toBe(1);
    setVersion(3);
    const third = await untilVersion(3);
    expect(third.version).toBe(3);
    const old = seen(await busy);
    // The busy instance finished its invocation on the code it started with, then went away.
    expect(old.version).toBe(2);
    await expect.poll(() => isAlive(old.pid), { timeout: 5_000 }).toBe(false);
    expect(h.host.stats('reloading').instances).toBe(1);
  });
});

describe('overlapping rebuilds', () => {
  // Two edits in quick succession start two builds before the first ends (issue 20: they used to
  // share one generation number, so the later edit's build was dropped as stale).
  it('gives each its own generation, and the last edit wins', async () => {
    // The host's private parts: watching would make the overlap a matter of timing.
    const internals = h.host as unknown as {
      functions: Map<string, { generation: number }>;
      rebuild(fn: unknown): Promise<void>;
    };
    const fn = internals.functions.get('reloading');
    if (!fn) throw new Error('no reloading function');
    const rebuild = (f: unknown) => internals.rebuild(f);
    const start = fn.generation;
    setVersion(10);
    const first = rebuild(fn);
    setVersion(11);
    const second = rebuild(fn);
    await Promise.all([first, second]);
    expect(fn.generation).toBeGreaterThanOrEqual(start + 2);
    const outDir = path.join(h.buildDir, 'functions', 'reloading');
    expect(readdirSync(outDir)).toEqual(expect.arrayContaining([String(start + 1), String(start + 2)]));
    await untilVersion(11);
    expect(seen(await h.host.invoke('reloading', {})).version).toBe(11);
  });
});

describe('code that does not build', () => {
  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html: the runtime reports a
  // syntax error as Runtime.UserCodeSyntaxError; here it names file:line for the learner.
  it('fails every invocation with Runtime.UserCodeSyntaxError naming file and line', async () => {
    for (let i = 0; i < 2; i++) {
      const outcome = await h.host.invoke('broken', {});
      expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.UserCodeSyntaxError' });
      if (outcome.ok) return;
      expect(outcome.errorMessage).toContain(`${path.join(src, 'broken.ts')}:2:`);
    }
    expect(
      h.logs.some((l) => l.functionName === 'broken' && l.message.includes('Runtime.UserCodeSyntaxError')),
    ).toBe(true);
  });

  it('recovers once the file is fixed', async () => {
    writeFileSync(path.join(src, 'broken.ts'), 'export const handler = async () => ({ fixed: true });\n');
    await vi.waitFor(
      async () => {
        expect(await h.host.invoke('broken', {})).toMatchObject({ ok: true, payload: { fixed: true } });
      },
      { timeout: 10_000 },
    );
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html (Runtime.ImportModuleError)
  it('reports a package that is not installed as Runtime.ImportModuleError', async () => {
    const outcome = await h.host.invoke('missingImport', {});
    expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.ImportModuleError' });
    if (outcome.ok) return;
    expect(outcome.errorMessage).toMatch(/^Error: Cannot find module 'hangul-word-bank'/);
  });
});
