/**
 * Through the IAM-enforcing proxy on a real engine: a request signed for another region than the
 * stack's sees an empty region (IAM judged on that region's ARNs first), and a key attribute named
 * in the wrong case answers in DynamoDB's words.
 */
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../emulator/contracts.ts';
import type { Engine } from '../../../emulator/dynamodb/engine.ts';
import type { DynamoProxy } from '../../../emulator/dynamodb/proxy.ts';
import { workshopTables } from '../../../emulator/dynamodb/tables.ts';
import { Iam } from '../../../emulator/iam/index.ts';
import { policy as leastPrivilege } from '../../../lessons/01-iam/solution/policy.ts';
import { loadPolicy } from '../../../lessons/shared/policies.ts';
import { type adminClients, startProxiedEngine, TEST_REGION } from '../../support/engine.ts';

const ACCOUNT = '123456789012';
let engine: Engine;
let proxy: DynamoProxy;
let admin: ReturnType<typeof adminClients>;
const iam = new Iam({ accountId: ACCOUNT, region: TEST_REGION });
const clients: DynamoDBClient[] = [];

function client(region: string, credentials?: Credentials): DynamoDBClient {
  const ddb = new DynamoDBClient({
    endpoint: proxy.url,
    region,
    credentials: credentials ?? { accessKeyId: 'AKIAREGIONADMIN00000', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  clients.push(ddb);
  return ddb;
}

beforeAll(async () => {
  ({ engine, proxy, admin } = await startProxiedEngine(iam, ACCOUNT, workshopTables));
  await iam.registerRole({ name: 'wide', policy: loadPolicy('workshop-2019') });
  await iam.registerRole({ name: 'narrow', policy: leastPrivilege });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  admin?.ddb.destroy();
  await proxy?.stop();
  await engine?.stop();
});

describe('regions through the proxy', () => {
  it('the hosted region lists its tables; another region has none', async () => {
    expect((await client(TEST_REGION).send(new ListTablesCommand({}))).TableNames).toEqual([
      'Chat',
      'Game',
      'User',
    ]);
    expect((await client('us-east-1').send(new ListTablesCommand({}))).TableNames).toEqual([]);
  });

  it('a write in another region finds no table, as DynamoDB says it', async () => {
    const doc = DynamoDBDocumentClient.from(client('us-east-1', iam.issueCredentials('wide', 'fn')));
    await expect(
      doc.send(new PutCommand({ TableName: 'User', Item: { connectionId: 'c1', answerCnt: 0 } })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Requested resource not found' });
    expect(
      await admin.doc.send(
        new DeleteCommand({ TableName: 'User', Key: { connectionId: 'c1' }, ReturnValues: 'ALL_OLD' }),
      ),
    ).not.toHaveProperty('Attributes');
  });

  it("IAM judges that region's ARNs first: a role scoped to Seoul is denied in us-east-1", async () => {
    const doc = DynamoDBDocumentClient.from(client('us-east-1', iam.issueCredentials('narrow', 'fn')));
    const error = await doc
      .send(new PutCommand({ TableName: 'User', Item: { connectionId: 'c2', answerCnt: 0 } }))
      .catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'AccessDeniedException' });
    expect((error as Error).message).toContain(`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/User`);
  });

  it('a key attribute in the wrong case: ValidationException, "The provided key element does not match the schema"', async () => {
    const doc = DynamoDBDocumentClient.from(client(TEST_REGION, iam.issueCredentials('wide', 'fn')));
    await expect(
      doc.send(new DeleteCommand({ TableName: 'User', Key: { ConnectionId: 'c1' } })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'The provided key element does not match the schema',
    });
  });
});
