/**
 * `--stack FILE`: a serverless.yml (a `service:`) or a SAM / CloudFormation template (a
 * `Resources:` section, YAML or JSON), each read by its own front end into the same Stack.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { stackFromTemplate } from './sam/load.ts';
import { parseTemplate } from './sam/template.ts';
import { stackFromServerlessYaml } from './serverless/load.ts';
import { parseServerlessYaml } from './serverless/yaml.ts';
import type { Stack } from './stack.ts';

export interface StackFileOptions {
  stage?: string | undefined;
  region?: string | undefined;
  accountId?: string | undefined;
  apiId?: string | undefined;
  parameterOverrides?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  warn?: (line: string) => void;
}

export type StackKind = 'serverless' | 'sam';

export async function loadStackFile(
  file: string,
  opts: StackFileOptions = {},
): Promise<{ stack: Stack; kind: StackKind }> {
  const path = resolve(file);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === 'ENOENT'
        ? `${path} does not exist; --stack takes a serverless.yml or a SAM/CloudFormation template (template.yaml, template.json).`
        : `cannot read ${path}: ${error.message}`,
    );
  });
  const doc = parseServerlessYaml(text, path);
  if (typeof doc.service === 'string' || (doc.service && typeof doc.service === 'object')) {
    if (opts.parameterOverrides && Object.keys(opts.parameterOverrides).length > 0) {
      throw new Error(
        `${path}: --parameter-overrides is for SAM/CloudFormation templates; serverless.yml takes --stage, --region and \${env:…}.`,
      );
    }
    const stack = stackFromServerlessYaml(text, dirname(path), opts, path);
    return { stack, kind: 'serverless' };
  }
  if (doc.Resources && typeof doc.Resources === 'object') {
    const stack = stackFromTemplate(parseTemplate(text, path), opts);
    return { stack, kind: 'sam' };
  }
  throw new Error(
    `${path} is neither a serverless.yml (no service:) nor a SAM/CloudFormation template (no Resources:).`,
  );
}
