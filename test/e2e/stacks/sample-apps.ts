/**
 * Apps written the way public samples are, into a fresh folder under os.tmpdir() (outside the
 * repository, so nothing of ours is resolvable from them):
 * - a SAM chat app in the shape of aws-samples/simple-websockets-chat-app: raw ApiGatewayV2
 *   resources, three ESM functions on SDK v3 with no endpoint, DynamoDBCrudPolicy and an inline
 *   ManageConnections statement, a table named by a parameter;
 * - a serverless.yml app with a `$connect` REQUEST authorizer, CommonJS handlers, a helper
 *   package in its own node_modules, the osls role shape `provider.iam.role.statements`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SampleApp {
  dir: string;
  remove(): void;
}

function writeApp(prefix: string, files: Record<string, string>): SampleApp {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const route = (name: string, key: string, integration: string) => `
  ${name}:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref ChatApi
      RouteKey: ${key}
      AuthorizationType: NONE
      OperationName: ${name}
      Target: !Join
        - "/"
        - - "integrations"
          - !Ref ${integration}
  ${integration}:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref ChatApi
      IntegrationType: AWS_PROXY
      IntegrationUri:
        Fn::Sub: arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${name}Function.Arn}/invocations`;

const samFunction = (name: string, folder: string, extraPolicies = '') => `
  ${name}Function:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ${folder}/
      Handler: app.handler
      Environment:
        Variables:
          TABLE_NAME: !Ref ConnectionsTableName
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref ConnectionsTableName${extraPolicies}
  ${name}Permission:
    Type: AWS::Lambda::Permission
    DependsOn:
      - ChatApi
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref ${name}Function
      Principal: apigateway.amazonaws.com`;

const SAM_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: >
  websocket-chat: a WebSocket chat on API Gateway, Lambda and DynamoDB.

Parameters:
  ConnectionsTableName:
    Type: String
    Default: "chat_connections"
    Description: Table that keeps the connection ids of connected clients.
    MinLength: 3

Globals:
  Function:
    Runtime: nodejs20.x
    MemorySize: 256
    Timeout: 10

Resources:
  ChatApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: ChatApi
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: "$request.body.action"
${route('Connect', '$connect', 'ConnectIntegration')}
${route('Disconnect', '$disconnect', 'DisconnectIntegration')}
${route('SendMessage', 'sendmessage', 'SendMessageIntegration')}
  Deployment:
    Type: AWS::ApiGatewayV2::Deployment
    DependsOn:
      - ConnectRoute
      - DisconnectRoute
      - SendMessageRoute
    Properties:
      ApiId: !Ref ChatApi
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      StageName: Prod
      DeploymentId: !Ref Deployment
      ApiId: !Ref ChatApi
  ConnectionsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Ref ConnectionsTableName
      AttributeDefinitions:
        - AttributeName: "connectionId"
          AttributeType: "S"
      KeySchema:
        - AttributeName: "connectionId"
          KeyType: "HASH"
      ProvisionedThroughput:
        ReadCapacityUnits: 5
        WriteCapacityUnits: 5
      SSESpecification:
        SSEEnabled: true
${samFunction('Connect', 'onconnect')}
${samFunction('Disconnect', 'ondisconnect')}
${samFunction(
  'SendMessage',
  'sendmessage',
  `
        - Statement:
            - Effect: Allow
              Action:
                - "execute-api:ManageConnections"
              Resource:
                - !Sub "arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${ChatApi}/*"`,
)}

Outputs:
  WebSocketURI:
    Value: !Join [ '', [ 'wss://', !Ref ChatApi, '.execute-api.', !Ref 'AWS::Region', '.amazonaws.com/', !Ref Stage ] ]
`;

const ESM_PACKAGE = (name: string) =>
  `${JSON.stringify({ name, version: '1.0.0', type: 'module', main: 'app.js' }, null, 2)}\n`;

const ON_CONNECT = `import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";

const ddb = new DynamoDBClient({ region: process.env.AWS_REGION });

export const handler = async (event) => {
  try {
    await ddb.send(new PutItemCommand({
      TableName: process.env.TABLE_NAME,
      Item: { connectionId: { S: event.requestContext.connectionId } },
    }));
  } catch (err) {
    return { statusCode: 500, body: "Failed to connect: " + JSON.stringify(err) };
  }
  return { statusCode: 200, body: "Connected." };
};
`;

const ON_DISCONNECT = `import { DynamoDBClient, DeleteItemCommand } from "@aws-sdk/client-dynamodb";

const ddb = new DynamoDBClient({ region: process.env.AWS_REGION });

export const handler = async (event) => {
  try {
    await ddb.send(new DeleteItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { connectionId: { S: event.requestContext.connectionId } },
    }));
  } catch (err) {
    return { statusCode: 500, body: "Failed to disconnect: " + JSON.stringify(err) };
  }
  return { statusCode: 200, body: "Disconnected." };
};
`;

const SEND_MESSAGE = `import { DynamoDBClient, DeleteItemCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";

const ddb = new DynamoDBClient({ region: process.env.AWS_REGION });
const doc = DynamoDBDocumentClient.from(ddb);

export const handler = async (event) => {
  let connections;
  try {
    connections = await doc.send(new ScanCommand({ TableName: process.env.TABLE_NAME, ProjectionExpression: "connectionId" }));
  } catch (e) {
    return { statusCode: 500, body: e.stack };
  }
  const api = new ApiGatewayManagementApiClient({
    endpoint: "https://" + event.requestContext.domainName + "/" + event.requestContext.stage,
  });
  const data = JSON.parse(event.body).data;
  await Promise.all(connections.Items.map(async ({ connectionId }) => {
    try {
      await api.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
    } catch (e) {
      if (e.$metadata && e.$metadata.httpStatusCode === 410) {
        await ddb.send(new DeleteItemCommand({ TableName: process.env.TABLE_NAME, Key: { connectionId: { S: connectionId } } }));
      } else {
        throw e;
      }
    }
  }));
  return { statusCode: 200, body: "Data sent." };
};
`;

export function samChatApp(): SampleApp {
  return writeApp('sam-chat-', {
    'template.yaml': SAM_TEMPLATE,
    'onconnect/app.js': ON_CONNECT,
    'onconnect/package.json': ESM_PACKAGE('on-connect'),
    'ondisconnect/app.js': ON_DISCONNECT,
    'ondisconnect/package.json': ESM_PACKAGE('on-disconnect'),
    'sendmessage/app.js': SEND_MESSAGE,
    'sendmessage/package.json': ESM_PACKAGE('send-message'),
  });
}

const SERVERLESS_YML = `service: ws-auth-demo
frameworkVersion: "4"

provider:
  name: aws
  runtime: nodejs20.x
  stage: \${opt:stage, 'beta'}
  region: \${opt:region, 'eu-west-1'}
  websocketsApiRouteSelectionExpression: $request.body.action
  environment:
    SESSIONS_TABLE: \${self:service}-sessions-\${sls:stage}
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - dynamodb:PutItem
            - dynamodb:DeleteItem
          Resource:
            - Fn::GetAtt: [SessionsTable, Arn]

functions:
  auth:
    handler: src/auth.handler
  connect:
    handler: src/connect.handler
    events:
      - websocket:
          route: $connect
          authorizer:
            name: auth
            identitySource:
              - route.request.header.Auth
              - route.request.querystring.token
  disconnect:
    handler: src/connect.disconnect
    events:
      - websocket:
          route: $disconnect
  whoami:
    handler: src/whoami.handler
    events:
      - websocket:
          route: whoami
          routeResponseSelectionExpression: $default

resources:
  Resources:
    SessionsTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: \${self:provider.environment.SESSIONS_TABLE}
        BillingMode: PAY_PER_REQUEST
        AttributeDefinitions:
          - AttributeName: connectionId
            AttributeType: S
        KeySchema:
          - AttributeName: connectionId
            KeyType: HASH
`;

const AUTH = `'use strict';
const { lookupUser } = require('user-directory');

const policy = (principalId, effect, resource, context) => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
  context,
});

module.exports.handler = async (event) => {
  const token = event.queryStringParameters && event.queryStringParameters.token;
  const user = lookupUser(event.headers.Auth || event.headers.auth, token);
  if (user === undefined) throw new Error('Unauthorized');
  if (!user) return policy('nobody', 'Deny', event.methodArn);
  return policy(user.id, 'Allow', event.methodArn, { name: user.name, role: user.role });
};
`;

const CONNECT = `'use strict';
const { DynamoDBClient, PutItemCommand, DeleteItemCommand } = require('@aws-sdk/client-dynamodb');

const ddb = new DynamoDBClient({});

exports.handler = function (event, context, callback) {
  const auth = event.requestContext.authorizer;
  ddb
    .send(new PutItemCommand({
      TableName: process.env.SESSIONS_TABLE,
      Item: {
        connectionId: { S: event.requestContext.connectionId },
        principalId: { S: auth.principalId },
        name: { S: auth.name },
      },
    }))
    .then(() => callback(null, { statusCode: 200 }), (err) => callback(err));
};

exports.disconnect = async (event) => {
  await ddb.send(new DeleteItemCommand({
    TableName: process.env.SESSIONS_TABLE,
    Key: { connectionId: { S: event.requestContext.connectionId } },
  }));
  return { statusCode: 200 };
};
`;

const WHOAMI = `'use strict';

exports.handler = async (event) => ({
  statusCode: 200,
  body: JSON.stringify({
    principalId: event.requestContext.authorizer.principalId,
    name: event.requestContext.authorizer.name,
    role: event.requestContext.authorizer.role,
    stage: event.requestContext.stage,
    apiId: event.requestContext.apiId,
    domainName: event.requestContext.domainName,
  }),
});
`;

/** A package only this app has: resolvable from its handlers, from nowhere in our repository. */
const USER_DIRECTORY = `'use strict';
const users = { 'alice-token': { id: 'u-alice', name: 'Alice', role: 'admin' }, 'bob-token': null };

exports.lookupUser = function (auth, token) {
  if (auth !== 'Bearer demo') return undefined;
  return Object.prototype.hasOwnProperty.call(users, token) ? users[token] : undefined;
};
`;

export function serverlessAuthorizerApp(): SampleApp {
  return writeApp('sls-auth-', {
    'serverless.yml': SERVERLESS_YML,
    'package.json': `${JSON.stringify({ name: 'ws-auth-demo', version: '1.0.0', private: true, dependencies: { 'user-directory': '1.0.0' } }, null, 2)}\n`,
    'src/auth.js': AUTH,
    'src/connect.js': CONNECT,
    'src/whoami.js': WHOAMI,
    'node_modules/user-directory/package.json': `${JSON.stringify({ name: 'user-directory', version: '1.0.0', main: 'index.js' })}\n`,
    'node_modules/user-directory/index.js': USER_DIRECTORY,
  });
}
