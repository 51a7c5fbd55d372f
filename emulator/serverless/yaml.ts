/**
 * Reads serverless.yml as YAML plus CloudFormation's short-form intrinsics (!Sub, !GetAtt, !Ref…),
 * which a plain YAML parser rejects as unknown tags. Each tag becomes its long form
 * ({"Fn::Sub": …}), the shape osls itself passes on to CloudFormation.
 */
import { type CollectionTag, parse, type ScalarTag } from 'yaml';

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

export function parseServerlessYaml(text: string, file = 'serverless.yml'): Record<string, unknown> {
  let value: unknown;
  try {
    value = parse(text, { customTags: intrinsicTags(), prettyErrors: true });
  } catch (error) {
    throw new Error(`${file} is not valid YAML: ${(error as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${file} must be a YAML mapping (service:, provider:, functions:, …).`);
  }
  return value as Record<string, unknown>;
}
