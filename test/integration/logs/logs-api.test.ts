/**
 * The CloudWatch Logs API of a running emulator, read the ways people read CloudWatch: the AWS
 * SDK's CloudWatchLogsClient, and Debian's awscli v2 (`aws logs tail`, `--follow` included) where
 * it is installed. The lines are a real function's: START, its own output, END and REPORT.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { PolicyDocument } from '../../../emulator/stack.ts';
import type { RunningEmulator } from '../../../emulator/start.ts';
import { FUNCTION_NAME, workshopStack } from '../../../lessons/shared/workshop-stack.ts';
import { connectClient } from '../../../lessons/shared/ws-client.ts';
import { startTestEmulator } from '../../support/emulator.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const AWS_CLI = '/usr/bin/aws';
const GROUP = `/aws/lambda/${FUNCTION_NAME}`;
const ADMIN = { accessKeyId: 'AKIAADMINTEST0000000', secretAccessKey: 'admin-test-secret' };

/** Enough to run and write logs, as AWSLambdaBasicExecutionRole grants, but not to read them. */
const BASIC_EXECUTION: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Tables', Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
    {
      Sid: 'Logs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    },
  ],
};

let emulator: RunningEmulator;
let client: CloudWatchLogsClient;
const children: ChildProcess[] = [];

async function invokeOnce(): Promise<void> {
  const ws = await connectClient(emulator.urls.ws, 'reader');
  await ws.close();
}

beforeAll(async () => {
  const stack = workshopStack({
    name: 'logs-api',
    entry: join(REPO, 'test', 'fixtures', 'functions', 'logs.ts'),
    routes: ['$connect'],
    policy: BASIC_EXECUTION,
  });
  emulator = await startTestEmulator(stack);
  client = new CloudWatchLogsClient({
    endpoint: String(emulator.urls.logs),
    region: stack.region,
    credentials: ADMIN,
  });
  await invokeOnce();
  // A hook, not a test: expect.poll is for tests only.
  await vi.waitFor(
    () =>
      expect(
        emulator.logs.events({ group: GROUP }).some((e) => e.message.startsWith('REPORT')),
        'the REPORT line',
      ).toBe(true),
    { timeout: 5_000 },
  );
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  client?.destroy();
  await emulator?.stop();
});

describe('with @aws-sdk/client-cloudwatch-logs', () => {
  test('DescribeLogGroups and DescribeLogStreams list the function group and its instance stream', async () => {
    expect(emulator.urls.logs).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const groups = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual([GROUP]);
    expect(groups.logGroups?.[0]).toMatchObject({
      arn: `arn:aws:logs:ap-northeast-2:123456789012:log-group:${GROUP}:*`,
      creationTime: expect.any(Number),
    });
    const streams = await client.send(
      new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: 'LastEventTime', descending: true }),
    );
    expect(streams.logStreams).toHaveLength(1);
    expect(streams.logStreams?.[0]?.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  test('GetLogEvents reads START, the output, END and REPORT, and pages forward with the token', async () => {
    const streams = await client.send(new DescribeLogStreamsCommand({ logGroupName: GROUP }));
    const logStreamName = streams.logStreams?.[0]?.logStreamName as string;
    const all = await client.send(
      new GetLogEventsCommand({ logGroupName: GROUP, logStreamName, startFromHead: true }),
    );
    const messages = all.events?.map((e) => e.message ?? '') ?? [];
    expect(messages[0]).toMatch(/^START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
    expect(messages.some((m) => m.includes('count=3 name=초성'))).toBe(true);
    expect(messages.at(-2)).toMatch(/^END RequestId: /);
    expect(messages.at(-1)).toMatch(
      /^REPORT RequestId: .*\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: \d+ MB\tMax Memory Used: \d+ MB/,
    );

    // One at a time from the head; at the end AWS hands back the same forward token.
    const seen: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await client.send(
        new GetLogEventsCommand({
          logGroupName: GROUP,
          logStreamName,
          startFromHead: true,
          limit: 1,
          ...(token ? { nextToken: token } : {}),
        }),
      );
      if (page.events?.length === 0) {
        expect(page.nextForwardToken).toBe(token);
        break;
      }
      seen.push(...(page.events ?? []).map((e) => e.message ?? ''));
      token = page.nextForwardToken;
    }
    expect(seen).toEqual(messages);

    const missing = client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: 'nope' }));
    await expect(missing).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
  });

  test('FilterLogEvents filters by terms and time, and paginates', async () => {
    const reports = await client.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: 'REPORT' }),
    );
    expect(reports.events?.map((e) => e.message?.slice(0, 6))).toEqual(['REPORT']);
    const quoted = await client.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '"second line"' }),
    );
    expect(quoted.events).toHaveLength(1);
    const none = await client.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, startTime: Date.now() + 60_000 }),
    );
    expect(none.events).toEqual([]);

    const pages = [];
    for await (const page of paginateFilterLogEvents(
      { client, pageSize: 2 },
      { logGroupName: GROUP, limit: 2 },
    ))
      pages.push(page);
    const paged = pages.flatMap((p) => p.events ?? []);
    const whole = await client.send(new FilterLogEventsCommand({ logGroupName: GROUP }));
    expect(pages.length).toBeGreaterThan(2);
    expect(paged.map((e) => e.eventId)).toEqual(whole.events?.map((e) => e.eventId));
    expect(new Set(paged.map((e) => e.eventId)).size).toBe(paged.length);

    await expect(
      client.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/nobody' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
  });

  test("IAM decides: the function's own role may write logs but not read them", async () => {
    const credentials = emulator.iam.issueCredentials(emulator.stack.role.name, FUNCTION_NAME);
    const asRole = new CloudWatchLogsClient({
      endpoint: String(emulator.urls.logs),
      region: 'ap-northeast-2',
      credentials,
    });
    try {
      await expect(asRole.send(new FilterLogEventsCommand({ logGroupName: GROUP }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringMatching(
          /is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:ap-northeast-2:123456789012:log-group:\/aws\/lambda\/.+:\*/,
        ),
      });
    } finally {
      asRole.destroy();
    }
  });
});

const run = promisify(execFile);
const cliEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: ADMIN.accessKeyId,
  AWS_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
  AWS_DEFAULT_REGION: 'ap-northeast-2',
  AWS_PAGER: '',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};

describe.skipIf(!existsSync(AWS_CLI))(
  `with Debian's awscli v2 (${AWS_CLI}; install the awscli package to run these)`,
  () => {
    test('aws logs tail prints START, END and REPORT', async () => {
      const { stdout } = await run(
        AWS_CLI,
        ['logs', 'tail', GROUP, '--endpoint-url', String(emulator.urls.logs), '--format', 'short'],
        { env: cliEnv },
      );
      expect(stdout).toMatch(/START RequestId: /);
      expect(stdout).toMatch(/END RequestId: /);
      expect(stdout).toMatch(/REPORT RequestId: .*Billed Duration/);
    }, 60_000);

    test('aws logs tail --follow shows the next invocation as it happens', async () => {
      const before = emulator.logs
        .events({ group: GROUP })
        .filter((e) => e.message.startsWith('START')).length;
      const child = spawn(
        AWS_CLI,
        ['logs', 'tail', GROUP, '--follow', '--since', '1m', '--endpoint-url', String(emulator.urls.logs)],
        { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString('utf8');
      });
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString('utf8');
      });
      await expect.poll(() => (out.match(/START RequestId/g) ?? []).length, { timeout: 20_000 }).toBe(before);
      await invokeOnce();
      // awscli polls FilterLogEvents every 5 s.
      await expect
        .poll(() => (out.match(/START RequestId/g) ?? []).length, { timeout: 20_000, interval: 200 })
        .toBe(before + 1);
      expect(err).toBe('');
      child.kill('SIGINT');
    }, 60_000);
  },
);
