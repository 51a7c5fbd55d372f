import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../emulator/contracts.ts';
import { type Denial, Iam } from '../../../emulator/iam/index.ts';
import { createLogSink } from '../../../emulator/logs/sink.ts';
import { LogStore } from '../../../emulator/logs/store.ts';
import type { PolicyDocument } from '../../../emulator/stack.ts';
import { loadPolicy } from '../../../lessons/shared/policies.ts';

const GROUP = '/aws/lambda/chosung-quiz';

function lines(n: number): LogLine[] {
  return Array.from({ length: n }, (_, i) => ({
    functionName: 'chosung-quiz',
    logGroup: GROUP,
    logStream: '2024/05/01/[$LATEST]0123456789abcdef',
    timestamp: 1_714_521_600_000 + i,
    message: i === 0 ? 'START RequestId: 1f0e Version: $LATEST' : `line ${i}`,
  }));
}

async function run(doc: PolicyDocument) {
  const iam = new Iam({ accountId: '123456789012', region: 'ap-northeast-2' });
  await iam.registerRole({ name: 'chosung-quiz-role', policy: doc });
  const denials: Denial[] = [];
  iam.onDenied((d) => denials.push(d));
  const store = new LogStore();
  const sink = createLogSink({
    store,
    iam,
    principalOf: () => iam.rolePrincipal('chosung-quiz-role', 'chosung-quiz'),
  });
  for (const l of lines(3)) sink(l);
  return { store, denials };
}

describe('the log sink', () => {
  it("keeps every line under the workshop's policy (logs:*)", async () => {
    const { store, denials } = await run(loadPolicy('workshop-2019'));
    expect(store.events({ group: GROUP }).map((e) => e.message)).toEqual([
      'START RequestId: 1f0e Version: $LATEST',
      'line 1',
      'line 2',
    ]);
    expect(denials).toEqual([]);
  });

  it('keeps every line under the least-privilege policy', async () => {
    const { store } = await run(loadPolicy('app-least-privilege'));
    expect(store.events({ group: GROUP })).toHaveLength(3);
  });

  it('drops every line without logs permissions, leaving no group, and says so once per action', async () => {
    const without = loadPolicy('workshop-2019');
    const statements = Array.isArray(without.Statement) ? without.Statement : [without.Statement];
    const first = statements[0];
    if (first === undefined || !Array.isArray(first.Action))
      throw new Error('the workshop policy changed shape');
    first.Action = first.Action.filter((a) => a !== 'logs:*');
    const { store, denials } = await run(without);
    expect(store.groups()).toEqual([]);
    expect(store.events()).toEqual([]);
    expect(denials.map((d) => d.action)).toEqual([
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    expect(denials[0]?.line).toBe(
      'DENIED logs:CreateLogGroup on arn:aws:logs:ap-northeast-2:123456789012:* for role chosung-quiz-role (no statement allows it): ' +
        'log lines of chosung-quiz are dropped, as on AWS, so /aws/lambda/chosung-quiz stays empty',
    );
  });

  it('drops lines when only PutLogEvents is missing', async () => {
    const { store, denials } = await run({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream'], Resource: '*' },
    });
    expect(store.events()).toEqual([]);
    expect(denials.map((d) => d.action)).toEqual(['logs:PutLogEvents']);
  });
});
