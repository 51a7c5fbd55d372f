import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credentials } from '../../../emulator/contracts.ts';
import { type Engine, freePort } from '../../../emulator/dynamodb/engine.ts';
import { type DynamoProxy, startDynamoProxy } from '../../../emulator/dynamodb/proxy.ts';
import { type Denial, Iam } from '../../../emulator/iam/index.ts';
import type { PolicyDocument } from '../../../emulator/stack.ts';
import { appTables } from '../../../lambda/src/tables.ts';
import { loadPolicy } from '../../../lessons/shared/policies.ts';
import { type adminClients, startProxiedEngine, TEST_REGION } from '../../support/engine.ts';

const ACCOUNT = '123456789012';
const ARN = `arn:aws:dynamodb:${TEST_REGION}:${ACCOUNT}:table`;
const workshop = loadPolicy('workshop-2019');

let engine: Engine;
let proxy: DynamoProxy;
let admin: ReturnType<typeof adminClients>;
const iam = new Iam({ accountId: ACCOUNT, region: TEST_REGION });
const denials: Denial[] = [];
iam.onDenied((d) => denials.push(d));
const clients: DynamoDBClient[] = [];

function docFor(credentials: Credentials): DynamoDBDocumentClient {
  const ddb = new DynamoDBClient({ endpoint: proxy.url, region: TEST_REGION, credentials, maxAttempts: 1 });
  clients.push(ddb);
  return DynamoDBDocumentClient.from(ddb);
}

async function roleDoc(
  roleName: string,
  policy: PolicyDocument,
  session = 'chosung-quiz',
): Promise<DynamoDBDocumentClient> {
  await iam.registerRole({ name: roleName, policy });
  return docFor(iam.issueCredentials(roleName, session));
}

beforeAll(async () => {
  ({ engine, proxy, admin } = await startProxiedEngine(iam, ACCOUNT, appTables));
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  admin?.ddb.destroy();
  await proxy?.stop();
  await engine?.stop();
});

describe("the workshop's policy through the proxy", () => {
  it('allows every DynamoDB call the app makes, and they persist', async () => {
    const doc = await roleDoc('workshop-role', workshop);
    await doc.send(
      new PutCommand({ TableName: 'User', Item: { connectionId: 'c1', room: 'lobby', answerCnt: 0 } }),
    );
    await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          Chat: [{ PutRequest: { Item: { room: 'lobby', messageKey: 'k1', content: '안녕' } } }],
        },
      }),
    );
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: 'Game', Item: { room: 'lobby', nowWordIdx: 1 } } }],
      }),
    );
    const q = await doc.send(
      new QueryCommand({
        TableName: 'User',
        IndexName: 'room-index',
        KeyConditionExpression: 'room = :r',
        ExpressionAttributeValues: { ':r': 'lobby' },
      }),
    );
    expect(q.Items?.map((i) => i.connectionId)).toEqual(['c1']);
    expect((await doc.send(new ScanCommand({ TableName: 'Chat' }))).Items).toEqual([
      { room: 'lobby', messageKey: 'k1', content: '안녕' },
    ]);
    const game = await admin.doc.send(new GetCommand({ TableName: 'Game', Key: { room: 'lobby' } }));
    expect(game.Item).toEqual({ room: 'lobby', nowWordIdx: 1 });
  });
});

describe('denials, as DynamoDB answers them', () => {
  it('answers a call outside the policy with AccessDeniedException naming principal, action and resource', async () => {
    const doc = await roleDoc('read-only-role', {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: `${ARN}/User` },
    });
    await expect(
      doc.send(new GetCommand({ TableName: 'User', Key: { connectionId: 'nobody' } })),
    ).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    const error = await doc
      .send(new PutCommand({ TableName: 'User', Item: { connectionId: 'intruder' } }))
      .catch((e: Error & { $metadata?: { httpStatusCode?: number } }) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AccessDeniedException');
    expect((error as Error).message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/read-only-role/chosung-quiz is not authorized to perform: dynamodb:PutItem on resource: ${ARN}/User because no identity-based policy allows the dynamodb:PutItem action`,
    );
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
    // Nothing reached the table.
    expect(
      (await admin.doc.send(new GetCommand({ TableName: 'User', Key: { connectionId: 'intruder' } }))).Item,
    ).toBeUndefined();
    expect(denials.at(-1)?.line).toBe(
      `DENIED dynamodb:PutItem on ${ARN}/User for role read-only-role (no statement allows it)`,
    );
  });

  it('lets an explicit deny beat an allow, and says so', async () => {
    const doc = await roleDoc('no-delete-role', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
        {
          Sid: 'KeepHistory',
          Effect: 'Deny',
          Action: ['dynamodb:Delete*', 'dynamodb:BatchWriteItem'],
          Resource: `${ARN}/Chat`,
        },
      ],
    });
    const error = await doc
      .send(
        new BatchWriteCommand({
          RequestItems: { Chat: [{ DeleteRequest: { Key: { room: 'lobby', messageKey: 'k1' } } }] },
        }),
      )
      .catch((e: Error) => e);
    expect((error as Error).name).toBe('AccessDeniedException');
    expect((error as Error).message).toMatch(
      /dynamodb:BatchWriteItem on resource: .*table\/Chat with an explicit deny in an identity-based policy$/,
    );
    expect(denials.at(-1)?.line).toContain('statement "KeepHistory" denies it explicitly');
    expect(
      (await admin.doc.send(new GetCommand({ TableName: 'Chat', Key: { room: 'lobby', messageKey: 'k1' } })))
        .Item,
    ).toBeDefined();
  });

  it('needs every table of a batch allowed, and an index allowed for a Query on it', async () => {
    const doc = await roleDoc('user-table-role', {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', NotAction: 'dynamodb:Scan', Resource: [`${ARN}/User`] },
    });
    await doc.send(
      new BatchWriteCommand({ RequestItems: { User: [{ PutRequest: { Item: { connectionId: 'b1' } } }] } }),
    );
    const batch = await doc
      .send(
        new BatchWriteCommand({
          RequestItems: {
            User: [{ PutRequest: { Item: { connectionId: 'b2' } } }],
            Chat: [{ PutRequest: { Item: { room: 'r', messageKey: 'b2' } } }],
          },
        }),
      )
      .catch((e: Error) => e);
    expect((batch as Error).message).toContain(`dynamodb:BatchWriteItem on resource: ${ARN}/Chat`);
    expect(
      (await admin.doc.send(new GetCommand({ TableName: 'User', Key: { connectionId: 'b2' } }))).Item,
    ).toBeUndefined();
    const query = await doc
      .send(
        new QueryCommand({
          TableName: 'User',
          IndexName: 'room-index',
          KeyConditionExpression: 'room = :r',
          ExpressionAttributeValues: { ':r': 'lobby' },
        }),
      )
      .catch((e: Error) => e);
    expect((query as Error).message).toContain(`dynamodb:Query on resource: ${ARN}/User/index/room-index`);
    const scan = await doc.send(new ScanCommand({ TableName: 'User' })).catch((e: Error) => e);
    expect((scan as Error).name).toBe('AccessDeniedException');
  });

  it('checks each item of a transaction with its own action', async () => {
    const doc = await roleDoc('put-only-role', {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: `${ARN}/*` },
    });
    await doc.send(
      new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'Game', Item: { room: 't1' } } }] }),
    );
    const error = await doc
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 'Game', Item: { room: 't2' } } },
            { Delete: { TableName: 'Game', Key: { room: 't1' } } },
          ],
        }),
      )
      .catch((e: Error) => e);
    expect((error as Error).message).toContain(`dynamodb:DeleteItem on resource: ${ARN}/Game`);
  });
});

describe('who is calling', () => {
  it('treats keys no role owns as an administrator', async () => {
    const tables = await admin.ddb.send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual(expect.arrayContaining(['User', 'Chat', 'Game', 'Words']));
  });

  it('refuses a role key signed with the wrong secret', async () => {
    await iam.registerRole({ name: 'workshop-role', policy: workshop });
    const real = iam.issueCredentials('workshop-role', 'chosung-quiz');
    const doc = docFor({ ...real, secretAccessKey: `${real.secretAccessKey.slice(0, -1)}x` });
    const error = await doc
      .send(new GetCommand({ TableName: 'User', Key: { connectionId: 'c1' } }))
      .catch((e: Error) => e);
    expect((error as Error).name).toBe('InvalidSignatureException');
    expect((error as Error).message).toMatch(
      /^The request signature we calculated does not match the signature you provided/,
    );
  });

  it('refuses a role key with another session token', async () => {
    const real = iam.issueCredentials('workshop-role', 'chosung-quiz');
    const doc = docFor({ ...real, sessionToken: 'IQoJforged' });
    const error = await doc
      .send(new GetCommand({ TableName: 'User', Key: { connectionId: 'c1' } }))
      .catch((e: Error) => e);
    expect((error as Error).name).toBe('UnrecognizedClientException');
  });

  it('refuses an unsigned request as DynamoDB does', async () => {
    const res = await fetch(proxy.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
      },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  });
});

describe('when the engine is gone', () => {
  it('answers InternalServerError with what to do, and keeps serving', async () => {
    const port = await freePort();
    const orphan = await startDynamoProxy({
      target: `http://127.0.0.1:${port}`,
      auth: iam,
      region: TEST_REGION,
      accountId: ACCOUNT,
    });
    const ddb = new DynamoDBClient({
      endpoint: orphan.url,
      region: TEST_REGION,
      credentials: { accessKeyId: 'AKIAADMINTEST0000000', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    try {
      for (let i = 0; i < 2; i++) {
        const error = await ddb.send(new ListTablesCommand({})).catch((e: Error) => e);
        expect((error as Error).name).toBe('InternalServerError');
        expect((error as Error).message).toMatch(
          /engine at http:\/\/127\.0\.0\.1:\d+ did not answer \(ECONNREFUSED\)\. Restart the emulator/,
        );
      }
    } finally {
      ddb.destroy();
      await orphan.stop();
    }
  });
});
