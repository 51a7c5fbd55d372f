/**
 * Lesson 1, reference: the workshop's role cut down to what the function does. Same services,
 * named actions on named resources. Compare policies/workshop-2019.json.
 */
import type { PolicyDocument } from '../../../emulator/stack.ts';
import type { TrustPolicy } from '../trust.ts';

const region = 'ap-northeast-2';
const account = '123456789012';
const apiId = 'chosung001';
const fn = 'android-realtime-lambda';

export const policy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Connections',
      Effect: 'Allow',
      // UpdateItem, not GetItem: lesson 4 adds a point with one atomic `ADD answerCnt :one`.
      Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'],
      Resource: `arn:aws:dynamodb:${region}:${account}:table/User`,
    },
    {
      // Chat is only written: nothing reads a chat row back.
      Sid: 'Chat',
      Effect: 'Allow',
      Action: 'dynamodb:PutItem',
      Resource: `arn:aws:dynamodb:${region}:${account}:table/Chat`,
    },
    {
      Sid: 'Game',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      Resource: `arn:aws:dynamodb:${region}:${account}:table/Game`,
    },
    {
      Sid: 'OwnLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: `arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${fn}:*`,
    },
    {
      // Only POST: the function sends; it never reads or closes a connection.
      Sid: 'PostToOwnClients',
      Effect: 'Allow',
      Action: 'execute-api:ManageConnections',
      Resource: `arn:aws:execute-api:${region}:${account}:${apiId}/*/POST/@connections/*`,
    },
  ],
};

/** Only the Lambda service may assume the role (the console writes this for the "Lambda" use case). */
export const trustPolicy: TrustPolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
