import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFunction } from './build.ts';

const out = mkdtempSync(path.join(tmpdir(), 'lambda-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('buildFunction', () => {
  // An inline map would stay in every instance's copy of the module source (see build.ts).
  it('writes the source map beside the bundle, with mappings into the .ts file and no sources', async () => {
    const entry = path.resolve('test/fixtures/functions/throws.ts');
    const built = await buildFunction(entry, out);
    expect(built).toMatchObject({ ok: true, taskRoot: out, handlerModule: 'index' });
    const bundle = readFileSync(path.join(out, 'index.mjs'), 'utf8');
    expect(bundle).not.toContain('sourceMappingURL=data:');
    expect(bundle.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    const map = JSON.parse(readFileSync(path.join(out, 'index.mjs.map'), 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown;
      mappings: string;
    };
    expect(map.sources.map((s) => path.resolve(out, s))).toContain(entry);
    expect(map.sourcesContent).toBeUndefined();
    expect(map.mappings.length).toBeGreaterThan(0);
  });
});
