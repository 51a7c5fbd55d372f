/**
 * Code written the way the 2019 workshop wrote it, run unchanged from an os.tmpdir() folder:
 * CommonJS in sloppy mode with an implicit global, aws-sdk v2 shipped in the app's own
 * node_modules, a DocumentClient with no endpoint, an @connections endpoint built as
 * `domainName + '/' + stage`, a callback plus `.promise()`, the older `iamRoleStatements`. Two
 * clients speak the 2019 Android protocol (`start!`, then `{"username","content"}`).
 *
 * The aws-sdk v2 it ships is the devDependency `aws-sdk-v2` (another name, so nothing in this
 * repository resolves it as `aws-sdk` by accident), linked into the app's own node_modules.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { REPO, startCommand, waitForExit } from '../../support/processes.ts';

const SDK_V2 = dirname(createRequire(join(REPO, 'package.json')).resolve('aws-sdk-v2/package.json'));

const SERVERLESS_YML = `service: chosung-2019
provider:
  name: aws
  runtime: nodejs20.x
  region: ap-northeast-2
  timeout: 30
  iamRoleStatements:
    - Effect: Allow
      Action:
        - dynamodb:PutItem
        - dynamodb:DeleteItem
        - dynamodb:Scan
      Resource: "arn:aws:dynamodb:*:*:table/User"
    - Effect: Allow
      Action:
        - execute-api:ManageConnections
      Resource: "arn:aws:execute-api:*:*:**/@connections/*"

functions:
  chat:
    handler: index.handler
    events:
      - websocket: $connect
      - websocket: $disconnect
      - websocket: $default

resources:
  Resources:
    UserTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: User
        AttributeDefinitions:
          - AttributeName: connectionId
            AttributeType: S
        KeySchema:
          - AttributeName: connectionId
            KeyType: HASH
        ProvisionedThroughput:
          ReadCapacityUnits: 1
          WriteCapacityUnits: 1
`;

// Deliberately 2019: no 'use strict', an implicit global, callbacks, a callback plus .promise().
const INDEX = `var AWS = require('aws-sdk');
var ddb = new AWS.DynamoDB.DocumentClient();

exports.handler = function (event, context, callback) {
  connectionId = event.requestContext.connectionId;
  var route = event.requestContext.routeKey;
  if (route === '$connect') {
    ddb.put({ TableName: 'User', Item: { connectionId: connectionId, answerCnt: 0 } }, function (err) {
      callback(err, { statusCode: 200 });
    }).promise();
    return;
  }
  if (route === '$disconnect') {
    ddb.delete({ TableName: 'User', Key: { connectionId: connectionId } }).promise().then(function () {
      callback(null, { statusCode: 200 });
    });
    return;
  }
  if (event.body === 'start!') return callback(null, { statusCode: 200 });
  var msg = JSON.parse(event.body);
  var apigwManagementApi = new AWS.ApiGatewayManagementApi({
    apiVersion: '2018-11-29',
    endpoint: event.requestContext.domainName + '/' + event.requestContext.stage
  });
  ddb.scan({ TableName: 'User' }, function (err, data) {
    if (err) return callback(err);
    var posts = data.Items.map(function (item) {
      return apigwManagementApi.postToConnection({
        ConnectionId: item.connectionId,
        Data: JSON.stringify({ username: msg.username, content: msg.content })
      }).promise();
    });
    Promise.all(posts).then(function () { callback(null, { statusCode: 200 }); }, callback);
  });
};
`;

function open(url: string): Promise<{ ws: WebSocket; frames: string[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const frames: string[] = [];
    ws.on('message', (data) => frames.push(String(data)));
    ws.once('open', () => resolve({ ws, frames }));
    ws.once('error', reject);
  });
}

describe('a 2019-style app (aws-sdk v2, no endpoint, sloppy CommonJS)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'style-2019-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('chats with the 2019 protocol through chosung-workbench start --stack serverless.yml', async () => {
    writeFileSync(join(dir, 'serverless.yml'), SERVERLESS_YML);
    writeFileSync(join(dir, 'index.js'), INDEX);
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(SDK_V2, join(dir, 'node_modules', 'aws-sdk'), 'dir');
    const started = await startCommand(
      [join(REPO, 'bin', 'chosung-workbench.mjs'), 'start', '--stack', 'serverless.yml'],
      {
        cwd: dir,
      },
    );
    try {
      const url = started.ready.ws ?? '';
      const a = await open(url);
      const b = await open(url);
      a.ws.send('start!');
      b.ws.send('start!');
      a.ws.send(JSON.stringify({ username: '철수', content: '안녕' }));
      const expected = JSON.stringify({ username: '철수', content: '안녕' });
      await expect.poll(() => a.frames, { timeout: 20_000 }).toContain(expected);
      await expect.poll(() => b.frames, { timeout: 20_000 }).toContain(expected);
      a.ws.close();
      b.ws.close();
      started.child.kill('SIGTERM');
      expect(await waitForExit(started.child, 5000)).toBe(0);
    } finally {
      started.child.kill('SIGKILL');
    }
  }, 120_000);
});
