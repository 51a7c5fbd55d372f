/**
 * `osls package` on the learner's stack, offline, as a deploy would run it: a serverless.yml for
 * the one function (the composed entry, bundled by the project's esbuild plugin), its three
 * routes, the workshop's 30 s timeout, the three tables and a role whose statements are the
 * learner's lesson 1 policy. The CloudFormation template it writes is then read back.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { workshopTables } from '../../emulator/dynamodb/tables.ts';
import type { PolicyDocument } from '../../emulator/stack.ts';
import { FUNCTION_NAME, ROLE_NAME } from '../01-iam/requirements.ts';

const REPO = resolve(import.meta.dirname, '..', '..');

export interface PackageResult {
  ok: boolean;
  output: string;
  template?: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
}

export function serviceDefinition(entry: string, policy: PolicyDocument): Record<string, unknown> {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  return {
    service: 'chosung-lesson6',
    frameworkVersion: '4',
    // osls takes local plugins by a ./ path inside the service only: oslsPackage links it there.
    plugins: ['./esbuild-plugin.cjs'],
    provider: {
      name: 'aws',
      runtime: 'nodejs20.x',
      stage: 'dev',
      region: 'ap-northeast-2',
      timeout: 30,
      websocketsApiRouteSelectionExpression: '$request.body.action',
      iam: { role: 'LessonRole' },
    },
    package: { patterns: ['!**', 'dist/**'] },
    functions: {
      [FUNCTION_NAME.replace(/-/g, '')]: {
        name: FUNCTION_NAME,
        handler: 'index.handler',
        events: ['$connect', '$disconnect', '$default'].map((route) => ({ websocket: { route } })),
      },
    },
    custom: { esbuild: { entry, outdir: 'dist' } },
    resources: {
      Resources: {
        LessonRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: ROLE_NAME,
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
            Policies: [
              { PolicyName: 'lesson-1', PolicyDocument: { Version: policy.Version, Statement: statements } },
            ],
          },
        },
        ...Object.fromEntries(
          workshopTables.map((table) => [
            `${table.TableName}Table`,
            {
              Type: 'AWS::DynamoDB::Table',
              Properties: {
                TableName: table.TableName,
                KeySchema: table.KeySchema,
                AttributeDefinitions: table.AttributeDefinitions,
                BillingMode: 'PAY_PER_REQUEST',
              },
            },
          ]),
        ),
      },
    },
  };
}

export async function oslsPackage(entry: string, policy: PolicyDocument): Promise<PackageResult> {
  const dir = mkdtempSync(join(tmpdir(), 'lesson-06-osls-'));
  try {
    // The project's bundling plugin and its packages, as a service folder of one's own would have them.
    copyFileSync(join(REPO, 'emulator', 'serverless', 'esbuild-plugin.cjs'), join(dir, 'esbuild-plugin.cjs'));
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // JSON is YAML: the file osls reads is the same object, written without a YAML library.
    writeFileSync(join(dir, 'serverless.yml'), JSON.stringify(serviceDefinition(entry, policy), null, 2));
    const osls = join(
      dirname(createRequire(import.meta.url).resolve('osls/package.json')),
      'bin',
      'serverless.js',
    );
    const out = join(dir, '.serverless');
    try {
      const result = await promisify(execFile)(process.execPath, [osls, 'package', '--package', out], {
        cwd: dir,
        env: {
          ...process.env,
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
          // Packaging talks to no AWS service; the framework only wants credentials to exist.
          AWS_ACCESS_KEY_ID: 'AKIALESSONSIXPACKAGE',
          AWS_SECRET_ACCESS_KEY: 'lesson-6-package',
          AWS_PROFILE: '',
        },
        timeout: 170_000,
        maxBuffer: 8 * 1024 * 1024,
      });
      const template = JSON.parse(
        readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8'),
      ) as PackageResult['template'];
      return { ok: true, output: result.stdout + result.stderr, ...(template ? { template } : {}) };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || e.message };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
