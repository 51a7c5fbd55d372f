/**
 * Reads serverless.yml as YAML plus CloudFormation's short-form intrinsics (!Sub, !GetAtt, !Ref…),
 * which a plain YAML parser rejects as unknown tags. Each tag becomes its long form
 * ({"Fn::Sub": …}), the shape osls itself passes on to CloudFormation.
 *
 * The result is kept (as JSON, in .local/yaml-cache) by the text's hash: parsing our 9 KB
 * serverless.yml in a cold process took ~0.1 s of every start, twice (the stack file's kind, then
 * the stack), and the parser itself is then never loaded.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CollectionTag, ScalarTag } from 'yaml';
import { removeUnused, touch, writeWhole } from '../cache-files.ts';

const CACHE_DIR = resolve(import.meta.dirname, '..', '..', '.local', 'yaml-cache');
/** Entries nobody has used for this long go when a new one is written. */
const STALE_MS = 14 * 24 * 3600 * 1000;
const require = createRequire(import.meta.url);

const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
] as const;

function longName(tag: string): string {
  return tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`;
}

function intrinsicTags(): Array<ScalarTag | CollectionTag> {
  const tags: Array<ScalarTag | CollectionTag> = [];
  for (const name of [...FUNCTIONS, 'Ref', 'Condition']) {
    const key = longName(name);
    tags.push({
      tag: `!${name}`,
      // `!GetAtt Table.Arn` is the dotted short form of ["Table", "Arn"].
      resolve: (value: string) => ({ [key]: name === 'GetAtt' ? splitOnce(value) : value }),
    });
    for (const collection of ['seq', 'map'] as const) {
      tags.push({
        tag: `!${name}`,
        collection,
        resolve: (node: { toJSON(): unknown }) => ({ [key]: node.toJSON() }),
      } as unknown as CollectionTag);
    }
  }
  return tags;
}

function splitOnce(value: string): string[] {
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

export function parseServerlessYaml(
  text: string,
  file = 'serverless.yml',
  cacheDir = CACHE_DIR,
): Record<string, unknown> {
  const entry = join(cacheDir, `${cacheKey(text)}.json`);
  let value = readCached(entry);
  if (value === undefined) {
    // Loaded only here: a start whose file is in the cache never evaluates the parser.
    const { parse } = require('yaml') as typeof import('yaml');
    try {
      value = parse(text, { customTags: intrinsicTags(), prettyErrors: true });
    } catch (error) {
      throw new Error(`${file} is not valid YAML: ${(error as Error).message}`);
    }
    writeCached(entry, value);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${file} must be a YAML mapping (service:, provider:, functions:, …).`);
  }
  return value as Record<string, unknown>;
}

/** The text, the parser's version and this module's own source (its tags) decide the result. */
function cacheKey(text: string): string {
  const hash = createHash('sha256').update(text).update('\0');
  try {
    hash.update(readFileSync(require.resolve('yaml/package.json'))).update('\0');
    hash.update(readFileSync(import.meta.filename));
  } catch {
    hash.update(String(Math.random())); // cannot tell: a key nobody will find again
  }
  return hash.digest('hex').slice(0, 32);
}

/** A fresh copy of the kept result, so a caller may change what it gets. */
function readCached(entry: string): unknown {
  try {
    const value: unknown = JSON.parse(readFileSync(entry, 'utf8'));
    touch(entry);
    return value;
  } catch {
    return undefined;
  }
}

function writeCached(entry: string, value: unknown): void {
  // Only what JSON gives back unchanged (no dates, no Infinity), and only ever a faster start.
  try {
    const json = JSON.stringify(value);
    if (json === undefined || !isDeepStrictEqual(JSON.parse(json), value)) return;
    writeWhole(entry, json);
    removeUnused(resolve(entry, '..'), STALE_MS);
  } catch {
    // Left as it was.
  }
}
