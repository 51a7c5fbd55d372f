import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Engine } from '../../../emulator/dynamodb/engine.ts';
import type { DynamoProxy } from '../../../emulator/dynamodb/proxy.ts';
import { type Gateway, startGateway } from '../../../emulator/gateway/index.ts';
import { type Denial, Iam } from '../../../emulator/iam/index.ts';
import { createLogSink } from '../../../emulator/logs/sink.ts';
import { LogStore } from '../../../emulator/logs/store.ts';
import type { PolicyStatement } from '../../../emulator/stack.ts';
import { appTables } from '../../../lambda/src/tables.ts';
import { loadPolicy } from '../../../lessons/shared/policies.ts';
import { testApi } from '../../support/api.ts';
import { type adminClients, startProxiedEngine, TEST_REGION } from '../../support/engine.ts';

const ACCOUNT = '123456789012';
const leastPrivilege = loadPolicy('app-least-privilege');
const statements = leastPrivilege.Statement as PolicyStatement[];

let engine: Engine;
let proxy: DynamoProxy;
let gateway: Gateway;
let socket: WebSocket;
let connectionId: string;
const received: string[] = [];
const iam = new Iam({ accountId: ACCOUNT, region: TEST_REGION });
const denials: Denial[] = [];
iam.onDenied((d) => denials.push(d));
const cleanups: Array<() => void> = [];

type Outcome = 'ok' | string;
type Behaviour = (role: string) => Promise<Outcome>;

async function attempt(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

function clientsFor(role: string) {
  const credentials = iam.issueCredentials(role, 'chosung-quiz');
  const ddb = new DynamoDBClient({ endpoint: proxy.url, region: TEST_REGION, credentials, maxAttempts: 1 });
  const management = new ApiGatewayManagementApiClient({
    endpoint: gateway.managementUrl,
    region: TEST_REGION,
    credentials,
    maxAttempts: 1,
  });
  cleanups.push(
    () => ddb.destroy(),
    () => management.destroy(),
  );
  return { doc: DynamoDBDocumentClient.from(ddb), management };
}

const roomQuery = {
  TableName: 'User',
  IndexName: 'room-index',
  KeyConditionExpression: 'room = :r',
  ExpressionAttributeValues: { ':r': 'lobby' },
};

/** Each statement's Sid, and the app's call that needs it. */
const behaviours: Record<string, Behaviour> = {
  PlayersConnectJoinScoreAndLeave: (role) =>
    attempt(() =>
      clientsFor(role).doc.send(
        new PutCommand({ TableName: 'User', Item: { connectionId: 'p1', room: 'lobby', answerCnt: 0 } }),
      ),
    ),
  BroadcastFindsPlayersOfARoom: (role) =>
    attempt(() => clientsFor(role).doc.send(new QueryCommand(roomQuery))),
  ChatIsSavedAndRecentChatShownOnJoin: (role) =>
    attempt(() =>
      clientsFor(role).doc.send(
        new PutCommand({
          TableName: 'Chat',
          Item: { room: 'lobby', messageKey: `${Date.now()}`, content: 'ㄱㄴ' },
        }),
      ),
    ),
  GameStateReadAndOneWinnerPerWord: (role) =>
    attempt(() =>
      clientsFor(role).doc.send(
        new UpdateCommand({
          TableName: 'Game',
          Key: { room: 'lobby' },
          UpdateExpression: 'SET nowWordIdx = :i',
          ExpressionAttributeValues: { ':i': 1 },
        }),
      ),
    ),
  FirstScreenListsTheRooms: (role) =>
    attempt(() =>
      clientsFor(role).doc.send(new ScanCommand({ TableName: 'Game', ProjectionExpression: 'room' })),
    ),
  PlayersKeepNameAndScoreAcrossReconnects: (role) =>
    attempt(() =>
      clientsFor(role).doc.send(
        new UpdateCommand({
          TableName: 'Player',
          Key: { room: 'lobby', nickname: 'p1' },
          UpdateExpression: 'ADD score :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      ),
    ),
  QuestionsAndAnswersFromTheWordBank: (role) =>
    attempt(() => clientsFor(role).doc.send(new GetCommand({ TableName: 'Words', Key: { key: 'meta' } }))),
  MessagesReachConnectedPlayers: async (role) => {
    const before = received.length;
    const outcome = await attempt(() =>
      clientsFor(role).management.send(
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'chat' }),
      ),
    );
    if (outcome === 'ok') {
      await expect
        .poll(() => received.length, { timeout: 10_000, message: 'the posted message' })
        .toBeGreaterThan(before);
    }
    return outcome;
  },
  FunctionLogGroupIsCreated: async (role) => logLineKept(role),
  FunctionLinesReachCloudWatchLogs: async (role) => logLineKept(role),
};

async function logLineKept(role: string): Promise<Outcome> {
  const store = new LogStore();
  const sink = createLogSink({ store, iam, principalOf: () => iam.rolePrincipal(role, 'chosung-quiz') });
  sink({
    functionName: 'chosung-quiz',
    logGroup: '/aws/lambda/chosung-quiz',
    logStream: 's',
    timestamp: Date.now(),
    message: 'START',
  });
  return store.events().length === 1 ? 'ok' : 'log line dropped';
}

beforeAll(async () => {
  let admin: ReturnType<typeof adminClients>;
  ({ engine, proxy, admin } = await startProxiedEngine(iam, ACCOUNT, appTables));
  admin.ddb.destroy();
  gateway = await startGateway({
    stack: testApi({ $default: { function: 'fn' } }),
    host: '127.0.0.1',
    port: 0,
    invoke: async () => ({ requestId: 'r', ok: true, payload: { statusCode: 200 } }),
    auth: iam,
  });
  socket = new WebSocket(gateway.wsUrl);
  socket.on('message', (data) => received.push(data.toString()));
  await new Promise<void>((ok, fail) => {
    socket.once('open', () => ok());
    socket.once('error', fail);
  });
  // A hook, not a test: expect.poll is for tests only.
  await vi.waitFor(() => expect(gateway.connections(), 'the connection').toHaveLength(1), {
    timeout: 10_000,
  });
  connectionId = (gateway.connections()[0] as { connectionId: string }).connectionId;
});

afterAll(async () => {
  for (const c of cleanups) c();
  socket?.terminate();
  await gateway?.stop();
  await proxy?.stop();
  await engine?.stop();
});

describe('policies/app-least-privilege.json', () => {
  it('names a behaviour for every statement', () => {
    expect(statements.map((s) => s.Sid).sort()).toEqual(Object.keys(behaviours).sort());
  });

  it('allows every behaviour when whole', async () => {
    await iam.registerRole({ name: 'app-role', policy: leastPrivilege });
    for (const [sid, behaviour] of Object.entries(behaviours)) {
      expect({ sid, outcome: await behaviour('app-role') }).toEqual({ sid, outcome: 'ok' });
    }
    expect(received.at(-1)).toBe('chat');
  });

  it.each(statements.map((s) => s.Sid as string))('without %s, that behaviour is refused', async (sid) => {
    const role = `app-role-without-${sid}`;
    await iam.registerRole({
      name: role,
      policy: { ...leastPrivilege, Statement: statements.filter((s) => s.Sid !== sid) },
    });
    const behaviour = behaviours[sid];
    if (!behaviour) throw new Error(`no behaviour named for ${sid}`);
    const expected = sid.startsWith('Function')
      ? 'log line dropped'
      : sid === 'MessagesReachConnectedPlayers'
        ? 'ForbiddenException'
        : 'AccessDeniedException';
    denials.length = 0;
    expect(await behaviour(role)).toBe(expected);
    expect(denials.map((d) => d.roleName)).toContain(role);
  });
});

describe("the workshop's policy on @connections", () => {
  it('allows ManageConnections on the live connection through its **/@connections/* resource', async () => {
    await iam.registerRole({ name: 'workshop-role', policy: loadPolicy('workshop-2019') });
    expect(await behaviours.MessagesReachConnectedPlayers?.('workshop-role')).toBe('ok');
  });

  it('without VisualEditor1, withholds the post with 403 and names the denial', async () => {
    const workshop = loadPolicy('workshop-2019');
    const policy = {
      ...workshop,
      Statement: (workshop.Statement as PolicyStatement[]).filter((s) => s.Sid !== 'VisualEditor1'),
    };
    await iam.registerRole({ name: 'workshop-role-without-manage', policy });
    const before = received.length;
    denials.length = 0;
    expect(await behaviours.MessagesReachConnectedPlayers?.('workshop-role-without-manage')).toBe(
      'ForbiddenException',
    );
    expect(received.length).toBe(before);
    expect(denials[0]?.line).toBe(
      `DENIED execute-api:ManageConnections on arn:aws:execute-api:${TEST_REGION}:${ACCOUNT}:chosung001/dev/POST/@connections/${connectionId} for role workshop-role-without-manage (no statement allows it)`,
    );
  });
});
