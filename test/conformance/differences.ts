/**
 * Probes for what serverless-offline does differently from API Gateway. Each probe returns what
 * the runtime actually did, as a short string; the test compares those with what AWS documents.
 */
import {
  ApiGatewayManagementApiClient,
  GetConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { adminClients } from '../support/engine.ts';
import { connect } from './clients.ts';

export interface Endpoints {
  ws: string;
  management: string;
  dynamodb: string;
}

export interface Probe {
  id: string;
  /** What API Gateway does, from its documentation (docs/aws-behaviour.md). */
  aws: string;
  awsPattern: RegExp;
  /** What serverless-offline 14 is known to do instead. */
  offline: string;
  offlinePattern: RegExp;
  measure(endpoints: Endpoints): Promise<string>;
}

const KB = 1024;

function management(endpoints: Endpoints): ApiGatewayManagementApiClient {
  return new ApiGatewayManagementApiClient({
    endpoint: endpoints.management,
    region: 'ap-northeast-2',
    credentials: { accessKeyId: 'AKIACONFORMANCE00000', secretAccessKey: 'conformance' },
    maxAttempts: 1,
  });
}

async function connectionIds(endpoints: Endpoints): Promise<Set<string>> {
  const { doc } = adminClients(endpoints.dynamodb);
  const { Items = [] } = await doc.send(new ScanCommand({ TableName: 'User', ConsistentRead: true }));
  return new Set(Items.map((i) => String(i.connectionId)));
}

/** Opens a 2019-protocol client and learns its connection id from the row $connect wrote. */
async function openWithId(endpoints: Endpoints) {
  const before = await connectionIds(endpoints);
  const client = await connect(endpoints.ws);
  client.socket.send('start!');
  for (let attempt = 0; attempt < 50; attempt++) {
    const fresh = [...(await connectionIds(endpoints))].filter((id) => !before.has(id));
    if (fresh.length === 1) return { client, connectionId: fresh[0] as string };
    await new Promise((r) => setTimeout(r, 100));
  }
  client.close();
  throw new Error("could not tell this client's connection id from the User table");
}

function outcome(error: unknown): string {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return `${e.$metadata?.httpStatusCode ?? '?'} ${e.name ?? String(error)}`;
}

export const PROBES: Probe[] = [
  {
    id: 'GetConnection',
    aws: '200 with ConnectedAt, LastActiveAt, Identity',
    awsPattern: /^200 with ConnectedAt$/,
    offline: '426: serverless-offline has no GET @connections route',
    offlinePattern: /^426 /,
    async measure(endpoints) {
      const { client, connectionId } = await openWithId(endpoints);
      try {
        const got = await management(endpoints).send(
          new GetConnectionCommand({ ConnectionId: connectionId }),
        );
        return got.ConnectedAt instanceof Date ? '200 with ConnectedAt' : '200 without ConnectedAt';
      } catch (error) {
        return outcome(error);
      } finally {
        client.close();
      }
    },
  },
  {
    id: 'PostToConnection over 128 KB',
    aws: '413 PayloadTooLargeException',
    awsPattern: /^413 PayloadTooLarge/,
    offline: 'delivered, whatever the size',
    offlinePattern: /^delivered$/,
    async measure(endpoints) {
      const { client, connectionId } = await openWithId(endpoints);
      try {
        const data = JSON.stringify({ pad: 'x'.repeat(130 * KB) });
        await management(endpoints).send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }),
        );
        await client.waitFor(
          (f): f is { pad: string } => typeof (f as { pad?: unknown })?.pad === 'string',
          'the big frame',
          5000,
        );
        return 'delivered';
      } catch (error) {
        return outcome(error);
      } finally {
        client.close();
      }
    },
  },
  {
    id: 'unsigned POST to @connections',
    aws: '403 (SigV4 and execute-api:ManageConnections checked)',
    awsPattern: /^403$/,
    offline: 'delivered: no signature or IAM check',
    offlinePattern: /^delivered/,
    async measure(endpoints) {
      const { client, connectionId } = await openWithId(endpoints);
      try {
        const res = await fetch(`${endpoints.management}/@connections/${encodeURIComponent(connectionId)}`, {
          method: 'POST',
          body: JSON.stringify({ unsigned: true }),
        });
        if (!res.ok) return String(res.status);
        await client.waitFor(
          (f): f is object => (f as { unsigned?: unknown })?.unsigned === true,
          'the unsigned frame',
          5000,
        );
        return 'delivered (no authentication)';
      } finally {
        client.close();
      }
    },
  },
  {
    id: 'client message over 128 KB',
    aws: 'socket closed with 1009 (message over 128 KB, frame over 32 KB)',
    awsPattern: /^socket closed with 1009$/,
    offline: 'accepted, socket stays open',
    offlinePattern: /^accepted/,
    async measure(endpoints) {
      const client = await connect(endpoints.ws);
      try {
        client.socket.send(JSON.stringify({ username: 'big', content: 'ㄱ'.repeat(50 * KB) }));
        const code = await client.closeCodeWithin(3000);
        return code === 'open' ? 'accepted (socket stays open)' : `socket closed with ${code}`;
      } finally {
        client.close();
      }
    },
  },
  {
    id: 'stage in the URL',
    aws: 'stage in the path: wss://{api}.execute-api.{region}.amazonaws.com/dev',
    awsPattern: /^path \/dev$/,
    offline: 'no stage in the path (and @connections at the root)',
    offlinePattern: /^no stage/,
    async measure(endpoints) {
      const path = new URL(endpoints.ws).pathname.replace(/\/$/, '');
      return path ? `path ${path}` : 'no stage in the path';
    },
  },
];
