/**
 * The files of a pitfall demo an instructor opens in front of the room, and a short diff of the
 * broken variant against the fixed one (jsdiff's unified hunks, a few lines of context).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { structuredPatch } from 'diff';

/** Broken/fixed pairs by the names the demos use, most specific first. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['broken.ts', 'fixed.ts'],
  ['broken.cjs', 'fixed.ts'],
  ['handler-original.ts', 'handler-logged.ts'],
];

export function demoFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(m|c)?[jt]s$/.test(name) && name !== 'demo.ts')
    .sort()
    .map((name) => join(dir, name));
}

export function brokenFixedPair(dir: string): [string, string] | undefined {
  const pair = PAIRS.find(([a, b]) => existsSync(join(dir, a)) && existsSync(join(dir, b)));
  return pair ? [join(dir, pair[0]), join(dir, pair[1])] : undefined;
}

/** Unified hunks of `broken` → `fixed`, at most `maxLines` lines (then "…"). */
export function shortDiff(broken: string, fixed: string, maxLines = 40): string[] {
  const patch = structuredPatch(
    broken,
    fixed,
    readFileSync(broken, 'utf8'),
    readFileSync(fixed, 'utf8'),
    undefined,
    undefined,
    { context: 1 },
  );
  const lines: string[] = [];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    lines.push(...hunk.lines.filter((line) => !line.startsWith('\\')));
  }
  return lines.length > maxLines
    ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more)`]
    : lines;
}
