/**
 * serverless.yml's parser and the cache of its results: a kept result is the parse's own, each
 * caller gets its own copy, and what JSON cannot hold or YAML refuses is never kept.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseServerlessYaml } from './yaml.ts';

let cache: string;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), 'yaml-cache-'));
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

const kept = () => readdirSync(cache).filter((name) => name.endsWith('.json'));

const TEMPLATE = `service: quiz
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: !GetAtt UserTable.Arn
resources:
  Resources:
    Bucket:
      Properties:
        Name: !Sub "\${AWS::StackName}-bucket"
        Tags: !Join [",", [a, b]]
`;

describe('parseServerlessYaml', () => {
  it('keeps a result that equals a fresh parse, and gives each caller its own copy', () => {
    const first = parseServerlessYaml(TEMPLATE, 'serverless.yml', cache);
    expect(kept()).toHaveLength(1);
    const second = parseServerlessYaml(TEMPLATE, 'serverless.yml', cache);
    expect(second).toEqual(first);
    expect(second).toMatchObject({
      provider: { iam: { role: { statements: [{ Resource: { 'Fn::GetAtt': ['UserTable', 'Arn'] } }] } } },
      resources: { Resources: { Bucket: { Properties: { Tags: { 'Fn::Join': [',', ['a', 'b']] } } } } },
    });
    (second.provider as { name: string }).name = 'changed by a caller';
    expect(parseServerlessYaml(TEMPLATE, 'serverless.yml', cache)).toEqual(first);
  });

  it('reads another text anew', () => {
    parseServerlessYaml('service: one\n', 'serverless.yml', cache);
    expect(parseServerlessYaml('service: two\n', 'serverless.yml', cache)).toEqual({ service: 'two' });
    expect(kept()).toHaveLength(2);
  });

  it('never keeps what JSON would change, nor a refused file', () => {
    const text = 'service: big\nlimit: .inf\n';
    parseServerlessYaml(text, 'serverless.yml', cache);
    expect(parseServerlessYaml(text, 'serverless.yml', cache)).toEqual({ service: 'big', limit: Infinity });
    expect(kept()).toHaveLength(0);

    for (let i = 0; i < 2; i++) {
      expect(() => parseServerlessYaml('service: [unclosed\n', 'broken.yml', cache)).toThrow(
        /broken.yml is not valid YAML/,
      );
    }
    expect(kept()).toHaveLength(0);
  });
});
