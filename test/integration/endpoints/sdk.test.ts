/**
 * Transparent endpoints, end to end: code written for AWS, with no endpoint setting of its own,
 * reaches the emulated DynamoDB and @connections API from inside function instances. Real SDKs
 * (v3 as the runtime provides it, v2 shipped in the function's own node_modules, boto3 from
 * Debian), a real engine, real ws clients, IAM enforced as the function's role.
 *
 * The stack lives in a temporary folder outside the repository, in a region other than the
 * default, so nothing here can pass by reaching the default endpoints by accident.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PYTHON_REDIRECT_DIR } from '../../../emulator/endpoints/index.ts';
import type { Stack } from '../../../emulator/stack.ts';
import type { RunningEmulator } from '../../../emulator/start.ts';
import { connect, type RecordingClient } from '../../conformance/clients.ts';
import { startTestEmulator } from '../../support/emulator.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const REGION = 'eu-west-1';
const API_ID = 'endpoint01';
const STAGE = 'dev';
const ACCOUNT = '123456789012';
const DOMAIN = `${API_ID}.execute-api.${REGION}.amazonaws.com`;
const PYTHON = '/usr/bin/python3';

const V3_HANDLER = `
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

const ddb = new DynamoDBClient({});

export const handler = async (event) => {
  const { connectionId, domainName, stage, apiId } = event.requestContext;
  const { via } = JSON.parse(event.body);
  if (via === 'wrong-region') {
    // The workshop's wrong-region slip: the tables are in another region than the client's.
    const elsewhere = new DynamoDBClient({ region: 'us-east-1' });
    const error = await elsewhere
      .send(new GetItemCommand({ TableName: 'Notes', Key: { id: { S: connectionId } } }))
      .then(() => undefined, (e) => ({ name: e.name, message: e.message }));
    const api = new ApiGatewayManagementApiClient({ endpoint: \`https://\${domainName}/\${stage}\` });
    await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify({ sdk: 'v3', via, error }) }));
    return { statusCode: 200 };
  }
  await ddb.send(new PutItemCommand({ TableName: 'Notes', Item: { id: { S: connectionId }, via: { S: via } } }));
  const { Item } = await ddb.send(
    new GetItemCommand({ TableName: 'Notes', Key: { id: { S: connectionId } }, ConsistentRead: true }),
  );
  const endpoint =
    via === 'execute-api'
      ? \`https://\${apiId}.execute-api.\${process.env.AWS_REGION}.amazonaws.com/\${stage}\`
      : \`https://\${domainName}/\${stage}\`;
  const api = new ApiGatewayManagementApiClient({ endpoint });
  const reply = {
    sdk: 'v3',
    via,
    stored: Item?.via?.S,
    connectionId,
    domainName,
    endpointVariables: ['MANAGEMENT_ENDPOINT', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_DYNAMODB'].filter((v) => v in process.env),
  };
  await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(reply) }));
  return { statusCode: 200 };
};
`;

// The 2019 workshop's shape: SDK v2, a DocumentClient with no endpoint, and an endpoint with no
// scheme built from the event.
const V2_HANDLER = `
const AWS = require('aws-sdk');

const doc = new AWS.DynamoDB.DocumentClient();

exports.handler = async (event) => {
  const { connectionId, domainName, stage } = event.requestContext;
  await doc.put({ TableName: 'Notes', Item: { id: connectionId, via: 'v2' } }).promise();
  const { Item } = await doc.get({ TableName: 'Notes', Key: { id: connectionId }, ConsistentRead: true }).promise();
  const api = new AWS.ApiGatewayManagementApi({ endpoint: domainName + '/' + stage });
  const reply = { sdk: 'v2', stored: Item && Item.via, connectionId };
  await api.postToConnection({ ConnectionId: connectionId, Data: JSON.stringify(reply) }).promise();
  return { statusCode: 200 };
};
`;

const BOTO3_SCRIPT = `
import json, os, sys
import boto3
region = os.environ['AWS_REGION']
tables = boto3.client('dynamodb', region_name=region).list_tables()['TableNames']
api = boto3.client('apigatewaymanagementapi', region_name=region,
                   endpoint_url=f"https://{os.environ['API_ID']}.execute-api.{region}.amazonaws.com/{os.environ['STAGE']}")
api.post_to_connection(ConnectionId=os.environ['CONNECTION_ID'],
                       Data=json.dumps({'sdk': 'boto3', 'tables': tables}).encode())
print('posted')
`;

const policy = {
  Version: '2012-10-17' as const,
  Statement: [
    {
      Effect: 'Allow' as const,
      Action: ['dynamodb:PutItem', 'dynamodb:GetItem'],
      Resource: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/Notes`,
    },
    { Effect: 'Allow' as const, Action: 'dynamodb:ListTables', Resource: '*' },
    {
      Effect: 'Allow' as const,
      Action: 'execute-api:ManageConnections',
      Resource: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${API_ID}/${STAGE}/POST/@connections/*`,
    },
    {
      Effect: 'Allow' as const,
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    },
  ],
};

const stackDir = mkdtempSync(join(tmpdir(), 'endpoints-stack-'));
let emulator: RunningEmulator;
const clients: RecordingClient[] = [];

/** A function folder as a developer ships it; `withSdkV2` adds node_modules/aws-sdk. */
function writeFunction(name: string, file: string, code: string, withSdkV2 = false): string {
  const dir = join(stackDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), code);
  if (withSdkV2) {
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    // The devDependency lives under another name (aws-sdk-v2), so nothing resolves it as
    // "aws-sdk" unless a folder ships it like this.
    symlinkSync(join(REPO, 'node_modules', 'aws-sdk-v2'), join(dir, 'node_modules', 'aws-sdk'), 'dir');
  }
  return join(dir, file);
}

let built: Stack | undefined;

/** Written once; both emulator starts below run the same folder. */
function stack(): Stack {
  built ??= {
    name: 'endpoints-test',
    stage: STAGE,
    region: REGION,
    accountId: ACCOUNT,
    apiId: API_ID,
    role: { name: 'endpoints-test-role', policy },
    tables: [
      {
        TableName: 'Notes',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    ],
    functions: [
      { name: 'v3', entry: writeFunction('v3', 'index.mjs', V3_HANDLER), timeoutSeconds: 20 },
      { name: 'v2', entry: writeFunction('v2', 'index.cjs', V2_HANDLER, true), timeoutSeconds: 20 },
    ],
    routes: { $default: { function: 'v3' }, v2: { function: 'v2' } },
    routeSelectionExpression: '$request.body.action',
  };
  return built;
}

/** What the function logged, for a failure message that says why no reply came. */
function functionLogs(name: string): string {
  return emulator.logs
    .events({ group: `/aws/lambda/${name}` })
    .map((e) => e.message)
    .join('\n');
}

async function client(): Promise<RecordingClient> {
  const c = await connect(emulator.urls.ws);
  clients.push(c);
  return c;
}

type Reply = Record<string, unknown>;
const replyFrom =
  (sdk: string) =>
  (frame: unknown): frame is Reply =>
    (frame as Reply)?.sdk === sdk;

async function replyOf(c: RecordingClient, sdk: string, fn: string): Promise<Reply> {
  try {
    return await c.waitFor(replyFrom(sdk), `a reply from SDK ${sdk}`, 30_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nfunction ${fn} logged:\n${functionLogs(fn)}`);
  }
}

/** The role's credentials, as an instance of that function gets them. */
function roleEnv(): Record<string, string> {
  const creds = emulator.iam.issueCredentials('endpoints-test-role', 'endpoints-test');
  return {
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_SESSION_TOKEN: creds.sessionToken,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
  };
}

beforeAll(async () => {
  emulator = await startTestEmulator(stack(), {
    logsDir: join(stackDir, 'logs'),
    ...(process.env.TEST_ENGINE ? { engine: process.env.TEST_ENGINE as 'local' } : {}),
  });
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await emulator?.stop();
  rmSync(stackDir, { recursive: true, force: true });
});

describe('inside a Node instance, AWS hostnames reach the emulator', () => {
  it('events name the API by its AWS hostname', async () => {
    expect(emulator.gateway.domainName).toBe(DOMAIN);
    const c = await client();
    c.socket.send(JSON.stringify({ via: 'domainName' }));
    const reply = await replyOf(c, 'v3', 'v3');
    expect(reply.domainName).toBe(DOMAIN);
  });

  it('SDK v3 with no endpoint, and @connections at https://${domainName}/${stage}', async () => {
    const c = await client();
    c.socket.send(JSON.stringify({ via: 'domainName' }));
    const reply = await replyOf(c, 'v3', 'v3');
    expect(reply).toMatchObject({ via: 'domainName', stored: 'domainName', endpointVariables: [] });
  });

  it('SDK v3 with https://${apiId}.execute-api.${AWS_REGION}.amazonaws.com/${stage}', async () => {
    const c = await client();
    c.socket.send(JSON.stringify({ via: 'execute-api' }));
    expect(await replyOf(c, 'v3', 'v3')).toMatchObject({ via: 'execute-api', stored: 'execute-api' });
  });

  it("a client in another region reaches that region, where the role's table ARN does not apply, as on AWS", async () => {
    const c = await client();
    c.socket.send(JSON.stringify({ via: 'wrong-region' }));
    // The role names this region's table, so IAM refuses the us-east-1 ARN before DynamoDB could
    // say the table is missing there (a role allowed every region gets ResourceNotFoundException:
    // the wrong-region pitfall).
    expect(await replyOf(c, 'v3', 'v3')).toEqual({
      sdk: 'v3',
      via: 'wrong-region',
      error: {
        name: 'AccessDeniedException',
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/endpoints-test-role/v3 is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Notes because no identity-based policy allows the dynamodb:GetItem action`,
      },
    });
  });

  it('SDK v2 (DocumentClient with no endpoint, endpoint domainName + "/" + stage) in an instance process', async () => {
    // The instance's own command line and environment, without the Lambda host: proves the
    // redirect for SDK v2 whichever way the host loads a function's node_modules.
    const c = await client();
    c.socket.send(JSON.stringify({ via: 'whoami' }));
    const { connectionId } = await replyOf(c, 'v3', 'v3');
    const event = { requestContext: { connectionId, domainName: DOMAIN, stage: STAGE } };
    const run = `require(${JSON.stringify(join(stackDir, 'v2', 'index.cjs'))}).handler(${JSON.stringify(event)}).then(() => console.log('done'))`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...emulator.endpoints.nodeArgs, '-e', run],
      {
        env: {
          PATH: process.env.PATH,
          ...emulator.endpoints.instanceEnv,
          ...roleEnv(),
          AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
        },
      },
    );
    expect(stdout.trim()).toBe('done');
    expect(await replyOf(c, 'v2', 'v2')).toMatchObject({ stored: 'v2', connectionId });
  });

  it('SDK v2 shipped in the function’s own node_modules, invoked through the gateway', async (ctx) => {
    const c = await client();
    c.socket.send(JSON.stringify({ action: 'v2' }));
    const outcome = await vi.waitFor(
      () => {
        const reply =
          c.frames.find(replyFrom('v2')) ??
          (/Runtime\.ImportModuleError[\s\S]*aws-sdk/.test(functionLogs('v2')) ? 'blocked' : undefined);
        if (reply === undefined)
          throw new Error('no reply from SDK v2, nor the runtime refusing aws-sdk, yet');
        return reply;
      },
      { timeout: 30_000 },
    );
    if (outcome === 'blocked') {
      ctx.skip(
        "this Lambda host blocks a function's own aws-sdk (Runtime.ImportModuleError); the host that loads a function's own node_modules runs this test",
      );
    }
    expect(outcome).toMatchObject({ stored: 'v2' });
  });
});

describe('inside a Python process, sitecustomize redirects boto3', () => {
  const hasBoto3 = spawnSync(PYTHON, ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0;

  it.skipIf(!hasBoto3)(
    `boto3 list_tables with no endpoint and post_to_connection at the execute-api URL (${PYTHON} needs python3-boto3)`,
    async () => {
      const c = await client();
      c.socket.send(JSON.stringify({ via: 'whoami' }));
      const { connectionId } = await replyOf(c, 'v3', 'v3');
      // Asynchronous: the emulator answering boto3 runs in this very process.
      const { stdout } = await promisify(execFile)(PYTHON, ['-c', BOTO3_SCRIPT], {
        env: {
          PATH: process.env.PATH,
          ...emulator.endpoints.instanceEnv,
          ...roleEnv(),
          PYTHONPATH: PYTHON_REDIRECT_DIR,
          // As on Lambda, where the code is read-only: no __pycache__ beside sitecustomize.py.
          PYTHONDONTWRITEBYTECODE: '1',
          API_ID,
          STAGE,
          CONNECTION_ID: String(connectionId),
        },
      });
      expect(stdout.trim()).toBe('posted');
      expect(await replyOf(c, 'boto3', 'v3')).toEqual({ sdk: 'boto3', tables: ['Notes'] });
    },
  );
});

describe('the local CA', () => {
  it('lives in .local/tls, is reused by the next start, and nothing is written outside .local', async () => {
    const caFile = join(REPO, '.local', 'tls', 'ca', 'ca.pem');
    expect(emulator.endpoints.tls.caFile).toBe(caFile);
    const ca = readFileSync(caFile, 'utf8');
    const before = gitStatus();
    const again = await startTestEmulator(stack(), {
      logsDir: join(stackDir, 'logs-again'),
      ...(process.env.TEST_ENGINE ? { engine: process.env.TEST_ENGINE as 'local' } : {}),
    });
    try {
      expect(again.endpoints.tls.caFile).toBe(caFile);
      expect(again.endpoints.tls.caCert).toBe(ca);
      expect(readFileSync(caFile, 'utf8')).toBe(ca);
    } finally {
      await again.stop();
    }
    expect(gitStatus()).toEqual(before);
  });
});

/** Everything git sees outside .local: untracked files one by one, ignored ones by folder.
 * (DynamoDB Local's metadata file may appear in the working directory; it is not ours.) */
function gitStatus(): string[] {
  if (!existsSync(join(REPO, '.git'))) return [];
  const status = (...args: string[]) =>
    execFileSync('git', ['status', '--porcelain', ...args], { cwd: REPO, encoding: 'utf8' }).split('\n');
  return [...status('--untracked-files=all'), ...status('--ignored')]
    .filter(
      (line) =>
        line && !line.slice(3).startsWith('.local/') && !line.includes('dynamodb-local-metadata.json'),
    )
    .sort();
}
